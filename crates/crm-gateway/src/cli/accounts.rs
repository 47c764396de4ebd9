//! The `account` and `user` commands' arguments.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::Overrides;

/// Account commands.
#[derive(Debug, Subcommand)]
pub enum AccountCommand {
    /// Create an account with an admin user and print its credentials for all four dialects.
    #[command(after_help = "Example:\n  crm-gateway account create --name acme --json > acme.json")]
    Create(CreateAccountArgs),
    /// Keep an account's clients in a real CRM of another dialect: its calls
    /// are translated there (docs/proxy.md).
    #[command(
        after_help = "Example:\n  crm-gateway account bind --name acme --upstream rest --url https://crm.example --credentials rest.json"
    )]
    Bind(BindAccountArgs),
    /// Keep an account's clients in the gateway again.
    #[command(after_help = "Example:\n  crm-gateway account unbind --name acme")]
    Unbind(NamedAccountArgs),
    /// List every account: name, id, where its clients live, when it was made.
    #[command(after_help = "Example:\n  crm-gateway account list --json")]
    List(ListAccountsArgs),
    /// Show an account and its binding, secrets left out.
    #[command(after_help = "Example:\n  crm-gateway account show acme")]
    Show(NamedAccountArgs),
    /// Refuse every credential of an account, in every dialect, until it is enabled.
    #[command(after_help = "Example:\n  crm-gateway account disable acme")]
    Disable(NamedAccountArgs),
    /// Accept a disabled account's credentials again.
    #[command(after_help = "Example:\n  crm-gateway account enable acme")]
    Enable(NamedAccountArgs),
    /// Issue new credentials of one dialect in place of the old ones, which
    /// are refused from then on; prints them once.
    #[command(after_help = "Example:\n  crm-gateway account rotate acme --dialect rest --json")]
    Rotate(RotateArgs),
}

/// `account rotate` arguments.
#[derive(Debug, Args)]
pub struct RotateArgs {
    /// The account.
    #[command(flatten)]
    pub account: NamedAccountArgs,
    /// The dialect whose credentials are replaced: eadesk, rest, salesman or planfix.
    #[arg(long)]
    pub dialect: String,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

/// User commands.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user to an account, with a password printed once.
    #[command(
        after_help = "Example:\n  crm-gateway user add --account acme --login ivan@acme --first-name Иван --last-name Петров"
    )]
    Add(AddUserArgs),
    /// List an account's users.
    #[command(after_help = "Example:\n  crm-gateway user list --account acme --json")]
    List(ListUsersArgs),
    /// Refuse a user's sign-ins and tokens until enabled.
    #[command(after_help = "Example:\n  crm-gateway user disable --account acme ivan@acme")]
    Disable(UserLoginArgs),
    /// Let a disabled user sign in again.
    #[command(after_help = "Example:\n  crm-gateway user enable --account acme ivan@acme")]
    Enable(UserLoginArgs),
}

/// `user add` arguments.
#[derive(Debug, Args)]
pub struct AddUserArgs {
    /// The account.
    #[arg(long)]
    pub account: String,
    /// The login (Planfix `auth.login`, SalesMan `login`).
    #[arg(long)]
    pub login: String,
    /// First name.
    #[arg(long, default_value = "")]
    pub first_name: String,
    /// Last name.
    #[arg(long, default_value = "")]
    pub last_name: String,
    /// E-mail [default: the login].
    #[arg(long)]
    pub email: Option<String>,
    /// An administrator rather than an ordinary employee.
    #[arg(long)]
    pub admin: bool,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
    /// Shared overrides.
    #[command(flatten)]
    pub overrides: Overrides,
}

/// `user list` arguments.
#[derive(Debug, Args)]
pub struct ListUsersArgs {
    /// The account.
    #[arg(long)]
    pub account: String,
    /// Print one JSON array instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Shared overrides.
    #[command(flatten)]
    pub overrides: Overrides,
}

/// Arguments of the commands that name one user.
#[derive(Debug, Args)]
pub struct UserLoginArgs {
    /// The account.
    #[arg(long)]
    pub account: String,
    /// The user's login.
    pub login: String,
    /// Shared overrides.
    #[command(flatten)]
    pub overrides: Overrides,
}

/// `account create` arguments.
#[derive(Debug, Args)]
pub struct CreateAccountArgs {
    /// Account name: lowercase letters, digits and '-' (Planfix `<account>`).
    #[arg(long)]
    pub name: String,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
    /// Shared overrides.
    #[command(flatten)]
    pub overrides: Overrides,
}

/// `account list` arguments.
#[derive(Debug, Args)]
pub struct ListAccountsArgs {
    /// Print one JSON array instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Shared overrides.
    #[command(flatten)]
    pub overrides: Overrides,
}

/// `account bind` arguments.
#[derive(Debug, Args)]
pub struct BindAccountArgs {
    /// The account.
    #[arg(long)]
    pub name: String,
    /// The upstream's dialect (docs/proxy.md lists those served).
    #[arg(long)]
    pub upstream: String,
    /// The base URL the upstream's own clients are given.
    #[arg(long)]
    pub url: String,
    /// A JSON file: the upstream dialect's member of `account create --json`.
    #[arg(long)]
    pub credentials: PathBuf,
    /// Shared overrides.
    #[command(flatten)]
    pub overrides: Overrides,
}

/// Arguments of the commands that name one account.
#[derive(Debug, Args)]
pub struct NamedAccountArgs {
    /// The account.
    #[arg(
        value_name = "NAME",
        required_unless_present = "name",
        conflicts_with = "name"
    )]
    pub account: Option<String>,
    /// The account, as NAME names it.
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Shared overrides.
    #[command(flatten)]
    pub overrides: Overrides,
}

impl NamedAccountArgs {
    /// The account named, however it was given.
    pub fn name(&self) -> &str {
        self.account
            .as_deref()
            .or(self.name.as_deref())
            .unwrap_or_default()
    }
}
