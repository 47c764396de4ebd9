//! The numbers every dialect shows for an Eadesk upstream's ids. A gateway
//! playing Eadesk names records by decimal numbers, which pass as they
//! are; a real Eadesk names them by 24 hex digits, which get numbers of
//! their own from the account's id map, counted from [`MAPPED`] up so that
//! the two kinds never meet.

use std::fmt;
use std::sync::Arc;

use crm_core::store::{IdKind, UpstreamIdStore};
use crm_core::{AccountId, CoreError, CoreResult};
use crm_eadesk::wire::{Person, PersonContact};

/// The first number given to an id that is not a decimal: 2^52, below
/// JavaScript's largest exact integer, so every client library shows it.
pub(crate) const MAPPED: i64 = 1 << 52;

/// The account's id map, when the connector was given one.
#[derive(Clone)]
pub(crate) struct Ids {
    account: AccountId,
    map: Option<Arc<dyn UpstreamIdStore>>,
}

impl fmt::Debug for Ids {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Ids")
            .field("account", &self.account)
            .field("map", &self.map.is_some())
            .finish()
    }
}

fn decimal(id: &str) -> Option<i64> {
    let digits = !id.is_empty() && !id.starts_with('0') && id.bytes().all(|b| b.is_ascii_digit());
    digits.then(|| id.parse().ok()).flatten()
}

impl Ids {
    /// The ids of `account`, numbered in `map`.
    pub(crate) fn new(account: AccountId, map: Option<Arc<dyn UpstreamIdStore>>) -> Self {
        Self { account, map }
    }

    /// The gateway's number for the upstream's id of a `kind` record.
    pub(crate) async fn local(&self, kind: IdKind, upstream: &str) -> CoreResult<i64> {
        if let Some(number) = decimal(upstream).filter(|n| *n < MAPPED) {
            return Ok(number);
        }
        let map = self.map.as_ref().ok_or_else(|| {
            CoreError::Unavailable(format!(
                "the Eadesk upstream names a record {upstream:?}, which needs the gateway's id map"
            ))
        })?;
        Ok(MAPPED + map.local_id(self.account, kind, upstream).await?)
    }

    /// The upstream's id for the gateway's number; `None` for a number the
    /// map never gave.
    pub(crate) async fn upstream(&self, kind: IdKind, local: i64) -> CoreResult<Option<String>> {
        if local < MAPPED {
            return Ok(Some(local.to_string()));
        }
        match &self.map {
            Some(map) => map.upstream_id(self.account, kind, local - MAPPED).await,
            None => Ok(None),
        }
    }

    /// `person` with its id and its data's ids as the gateway's numbers.
    pub(crate) async fn person(&self, mut person: Person) -> CoreResult<Person> {
        person.id = self.local(IdKind::Client, &person.id).await?.to_string();
        for contact in &mut person.contacts {
            contact.id = self
                .local(IdKind::ContactPoint, &contact.id)
                .await?
                .to_string();
        }
        Ok(person)
    }

    /// `contact` with its id as the gateway's number.
    pub(crate) async fn contact(&self, mut contact: PersonContact) -> CoreResult<PersonContact> {
        contact.id = self
            .local(IdKind::ContactPoint, &contact.id)
            .await?
            .to_string();
        Ok(contact)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn decimal_ids_pass_as_they_are_and_others_need_the_map() {
        let ids = Ids::new(AccountId(1), None);
        assert_eq!(ids.local(IdKind::Client, "17").await.unwrap(), 17);
        assert_eq!(
            ids.upstream(IdKind::Client, 17).await.unwrap().as_deref(),
            Some("17")
        );
        for id in ["5f1d7a3c9b1e4a0012345678", "007", "", "9007199254740993"] {
            let err = ids.local(IdKind::Client, id).await.unwrap_err();
            assert!(matches!(err, CoreError::Unavailable(_)), "{id:?}: {err:?}");
        }
        assert_eq!(
            ids.upstream(IdKind::Client, MAPPED + 1).await.unwrap(),
            None
        );
    }
}
