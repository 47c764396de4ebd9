//! How each type of client attribute is kept in `clients` columns, in both
//! directions. `sql::client_columns` names the columns; the compiler checks
//! that they have the types these conversions give.

use chrono::NaiveDate;
use crm_core::{CoreResult, PortalAccess, Sex, UserId};

use crate::error::{corrupt, db_encode};

/// An attribute value as the tuple of columns that hold it.
pub(crate) trait Stored: Sized {
    /// The columns, in the order the table lists them.
    type Columns;

    /// The values to write.
    fn to_columns(&self) -> CoreResult<Self::Columns>;

    /// The value read back; `attribute` names it when a column holds what no
    /// write puts there.
    fn from_columns(columns: Self::Columns, attribute: &str) -> CoreResult<Self>;
}

impl Stored for Option<String> {
    type Columns = (Option<String>,);

    fn to_columns(&self) -> CoreResult<Self::Columns> {
        Ok((self.clone(),))
    }

    fn from_columns((text,): Self::Columns, _: &str) -> CoreResult<Self> {
        Ok(text)
    }
}

impl Stored for bool {
    type Columns = (bool,);

    fn to_columns(&self) -> CoreResult<Self::Columns> {
        Ok((*self,))
    }

    fn from_columns((flag,): Self::Columns, _: &str) -> CoreResult<Self> {
        Ok(flag)
    }
}

impl Stored for Option<UserId> {
    type Columns = (Option<i64>,);

    fn to_columns(&self) -> CoreResult<Self::Columns> {
        Ok((self.map(|u| u.get()),))
    }

    fn from_columns((id,): Self::Columns, _: &str) -> CoreResult<Self> {
        Ok(id.map(UserId))
    }
}

impl Stored for Option<Sex> {
    type Columns = (Option<String>,);

    fn to_columns(&self) -> CoreResult<Self::Columns> {
        Ok((self.map(|s| s.as_str().to_owned()),))
    }

    fn from_columns((name,): Self::Columns, attribute: &str) -> CoreResult<Self> {
        match name.as_deref() {
            None => Ok(None),
            Some("male") => Ok(Some(Sex::Male)),
            Some("female") => Ok(Some(Sex::Female)),
            Some(other) => Err(corrupt(attribute, other)),
        }
    }
}

/// `YYYY-MM-DD` text: the column is `TEXT` on both backends.
impl Stored for Option<NaiveDate> {
    type Columns = (Option<String>,);

    fn to_columns(&self) -> CoreResult<Self::Columns> {
        Ok((self.map(|d| d.format("%Y-%m-%d").to_string()),))
    }

    fn from_columns((date,): Self::Columns, attribute: &str) -> CoreResult<Self> {
        date.map(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|_| corrupt(attribute, &d)))
            .transpose()
    }
}

/// A JSON array of strings in one text column: the list is read and written
/// whole, never searched by the store.
impl Stored for Vec<String> {
    type Columns = (String,);

    fn to_columns(&self) -> CoreResult<Self::Columns> {
        Ok((serde_json::to_string(self).map_err(db_encode)?,))
    }

    fn from_columns((json,): Self::Columns, attribute: &str) -> CoreResult<Self> {
        serde_json::from_str(&json).map_err(|_| corrupt(attribute, &json))
    }
}

/// Login, role, status and e-mail; access is granted when a login is stored.
impl Stored for Option<PortalAccess> {
    type Columns = (
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    );

    fn to_columns(&self) -> CoreResult<Self::Columns> {
        let Some(p) = self else {
            return Ok((None, None, None, None));
        };
        Ok((
            Some(p.login.clone()),
            Some(p.role.clone()),
            Some(p.status.clone()),
            Some(p.email.clone()),
        ))
    }

    fn from_columns((login, role, status, email): Self::Columns, _: &str) -> CoreResult<Self> {
        Ok(login.map(|login| PortalAccess {
            login,
            role: role.unwrap_or_default(),
            status: status.unwrap_or_default(),
            email: email.unwrap_or_default(),
        }))
    }
}
