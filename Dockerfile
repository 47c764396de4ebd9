FROM rust:1-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release -p crm-gateway

FROM debian:bookworm-slim
RUN useradd --system --home /var/lib/crm-gateway crm \
 && mkdir -p /var/lib/crm-gateway/data && chown crm /var/lib/crm-gateway/data
COPY --from=build /src/target/release/crm-gateway /usr/local/bin/crm-gateway
COPY config/gateway.toml /etc/crm-gateway/gateway.toml
USER crm
WORKDIR /var/lib/crm-gateway
ENV CRM_CONFIG=/etc/crm-gateway/gateway.toml CRM_LISTEN=0.0.0.0:8080
EXPOSE 8080
ENTRYPOINT ["crm-gateway"]
CMD ["serve"]
