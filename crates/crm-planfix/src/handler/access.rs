//! `contact.managePlanfixAccess` and `contact.updateUserInfo`: the contact's
//! own access to the portal, for administrators only (spec, both sections).

use crm_core::{
    AttributesPatch, Client, ClientPatch, ContactKind, Patch, PortalAccess, Status, Visibility,
};

use super::Call;
use crate::error::PlanfixError;
use crate::op::{ContactRef, UserInfoIn};
use crate::reply;
use crate::wire::Xml;

impl Call<'_> {
    pub(super) async fn manage_access(
        &self,
        target: ContactRef,
        grant: bool,
        email: Option<String>,
    ) -> Result<Xml, PlanfixError> {
        if !self.is_admin().await? {
            return Err(PlanfixError::NoRights);
        }
        let current = self.client(target).await?;
        let (portal, status) = if grant {
            let email = email
                .or_else(|| current.attributes.portal.as_ref().map(|p| p.email.clone()))
                .or_else(|| first_mail(&current))
                .ok_or(PlanfixError::MissingParameter("contact/email"))?;
            check_email(&email)?;
            let status = match &current.attributes.portal {
                Some(p) if p.status == "ACTIVE" => "ACTIVE",
                Some(_) => "NOTICE_RESEND",
                None => "NOTICE_SEND",
            };
            let portal = PortalAccess {
                login: email.clone(),
                role: "USER".to_owned(),
                status: status.to_owned(),
                email,
            };
            (Patch::Set(portal), status)
        } else {
            (Patch::Clear, "ACCESS_CANCELED")
        };
        let patch = ClientPatch {
            attributes: AttributesPatch {
                portal,
                ..AttributesPatch::default()
            },
            ..ClientPatch::default()
        };
        self.crm
            .update_client(
                self.who,
                current.id,
                Visibility::LiveOnly,
                crate::ORIGIN,
                &patch,
            )
            .await?;
        Ok(reply::access_changed(current.id, grant, status))
    }

    pub(super) async fn update_user_info(
        &self,
        target: ContactRef,
        user: UserInfoIn,
    ) -> Result<Xml, PlanfixError> {
        if !self.is_admin().await? {
            return Err(PlanfixError::NoRights);
        }
        let current = self.client(target).await?;
        let mut portal = current
            .attributes
            .portal
            .clone()
            .ok_or(PlanfixError::NoPlanfixAccess)?;
        if let Some(status) = user.status {
            match status.as_str() {
                "ACTIVE" | "UNACTIVE" => portal.status = status,
                other => {
                    return Err(PlanfixError::InvalidValue(format!(
                        "user/status: expected ACTIVE or UNACTIVE, got {other}"
                    )));
                }
            }
        }
        if let Some(email) = user.email.filter(|e| !e.is_empty()) {
            check_email(&email)?;
            portal.email = email;
        }
        let patch = ClientPatch {
            attributes: AttributesPatch {
                portal: Patch::Set(portal),
                ..AttributesPatch::default()
            },
            ..ClientPatch::default()
        };
        self.update(current.id, &patch).await
    }
}

fn first_mail(client: &Client) -> Option<String> {
    client
        .contacts
        .iter()
        .find(|p| p.status == Status::Active && p.kind == ContactKind::Mail)
        .map(|p| p.value.clone())
}

fn check_email(email: &str) -> Result<(), PlanfixError> {
    match email.split_once('@') {
        Some((user, host)) if !user.is_empty() && host.contains('.') && !email.contains(' ') => {
            Ok(())
        }
        _ => Err(PlanfixError::BadEmail),
    }
}
