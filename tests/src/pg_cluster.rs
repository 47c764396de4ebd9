//! A throwaway PostgreSQL cluster that accepts only TLS connections, with a
//! certificate authority made for it: what a managed PostgreSQL service
//! looks like from the gateway. `initdb` and `postgres` come from the
//! machine's PostgreSQL packages; the cluster lives in a temporary folder
//! and is killed on drop.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair};

/// A certificate authority: its certificate in PEM, and what signs with it.
#[derive(Debug)]
pub struct Authority {
    /// The CA certificate, for `sslrootcert`.
    pub pem: String,
    issuer: Issuer<'static, KeyPair>,
}

impl Authority {
    /// A new self-signed authority.
    pub fn new(name: &str) -> Self {
        let key = KeyPair::generate().expect("a CA key");
        let mut params = CertificateParams::new(Vec::<String>::new()).expect("CA params");
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, name);
        let pem = params.self_signed(&key).expect("a CA certificate").pem();
        Self {
            pem,
            issuer: Issuer::new(params, key),
        }
    }

    /// A server certificate for 127.0.0.1 and localhost, and its key, in PEM.
    fn server(&self) -> (String, String) {
        let key = KeyPair::generate().expect("a server key");
        let names = vec!["127.0.0.1".to_owned(), "localhost".to_owned()];
        let params = CertificateParams::new(names).expect("server params");
        let cert = params
            .signed_by(&key, &self.issuer)
            .expect("a server certificate");
        (cert.pem(), key.serialize_pem())
    }
}

/// A running cluster on a loopback port: `hostssl` only, `trust` inside it.
#[derive(Debug)]
pub struct TlsCluster {
    child: Child,
    /// Its port on 127.0.0.1.
    pub port: u16,
    /// The authority that signed its certificate.
    pub authority: Authority,
    /// Where `ca.pem` (the authority's certificate) is written.
    pub ca_file: PathBuf,
    _dir: tempfile::TempDir,
}

impl TlsCluster {
    /// Makes and starts one, or `None` when this machine has no PostgreSQL
    /// server binaries (CI installs them: there it panics instead).
    pub fn start() -> Option<Self> {
        let Some(bin) = server_bin() else {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "no initdb under /usr/lib/postgresql/*/bin; CI must have it"
            );
            eprintln!("skipped: no PostgreSQL server binaries (initdb) on this machine");
            return None;
        };
        let dir = tempfile::tempdir().expect("a temporary folder");
        let data = dir.path().join("data");
        std::fs::create_dir(&data).expect("the data folder");
        let owner = Owner::for_server();
        owner.give(dir.path());
        owner.give(&data);
        let initdb = owner
            .command(&bin.join("initdb"))
            .args(["-D", path(&data), "-U", "postgres", "-A", "trust", "-N"])
            .stdout(Stdio::null())
            .output()
            .expect("run initdb");
        assert!(
            initdb.status.success(),
            "initdb: {}",
            String::from_utf8_lossy(&initdb.stderr)
        );
        let authority = Authority::new("crm-gateway test CA");
        let (cert, key) = authority.server();
        write_owned(&owner, &data.join("server.crt"), &cert, 0o644);
        write_owned(&owner, &data.join("server.key"), &key, 0o600);
        let hba = "local all all trust\nhostssl all all 127.0.0.1/32 trust\n";
        write_owned(&owner, &data.join("pg_hba.conf"), hba, 0o600);
        let ca_file = dir.path().join("ca.pem");
        std::fs::write(&ca_file, &authority.pem).expect("write ca.pem");
        let port = free_port();
        let child = owner
            .command(&bin.join("postgres"))
            .args(["-D", path(&data), "-k", path(&data)])
            .args(["-p", &port.to_string(), "-c", "listen_addresses=127.0.0.1"])
            .args([
                "-c",
                "ssl=on",
                "-c",
                "fsync=off",
                "-c",
                "max_connections=40",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start postgres");
        let cluster = Self {
            child,
            port,
            authority,
            ca_file,
            _dir: dir,
        };
        cluster.await_listening();
        Some(cluster)
    }

    /// A database URL for the cluster's `postgres` database with `options`
    /// (`sslmode=...&sslrootcert=...`).
    pub fn url(&self, options: &str) -> String {
        format!(
            "postgres://postgres@127.0.0.1:{}/postgres?{options}",
            self.port
        )
    }

    fn await_listening(&self) {
        let addr = SocketAddr::from(([127, 0, 0, 1], self.port));
        let start = Instant::now();
        while TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "postgres did not listen on {addr}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for TlsCluster {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The newest `/usr/lib/postgresql/N/bin` that has `initdb`.
fn server_bin() -> Option<PathBuf> {
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").exists().then_some((version, bin))
        })
        .collect();
    found.sort();
    found.pop().map(|(_, bin)| bin)
}

/// Who runs the server: the `postgres` user when the tests run as root
/// (the server refuses root), else the tests' own user.
#[derive(Debug, Clone, Copy)]
struct Owner(Option<(u32, u32)>);

impl Owner {
    fn for_server() -> Self {
        let me = std::fs::metadata("/proc/self").map_or(0, |m| m.uid());
        if me != 0 {
            return Self(None);
        }
        let id = |flag: &str| -> u32 {
            let out = Command::new("id")
                .args([flag, "postgres"])
                .output()
                .expect("run id");
            String::from_utf8_lossy(&out.stdout)
                .trim()
                .parse()
                .expect("the postgres user's id")
        };
        Self(Some((id("-u"), id("-g"))))
    }

    fn give(self, path: &Path) {
        if let Some((uid, gid)) = self.0 {
            std::os::unix::fs::chown(path, Some(uid), Some(gid)).expect("chown");
        }
    }

    fn command(self, program: &Path) -> Command {
        let mut command = Command::new(program);
        if let Some((uid, gid)) = self.0 {
            command.uid(uid).gid(gid);
        }
        command
    }
}

fn write_owned(owner: &Owner, file: &Path, text: &str, mode: u32) {
    std::fs::write(file, text).expect("write a cluster file");
    std::fs::set_permissions(file, std::fs::Permissions::from_mode(mode)).expect("chmod");
    owner.give(file);
}

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("its address").port()
}

fn path(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}
