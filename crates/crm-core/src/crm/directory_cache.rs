//! An account's employees and custom-field registry, which nearly every
//! answer shows (a responsible user's name, a field's title) and which
//! change seldom: trusted for the same short time as credentials. A user
//! created through this replica is seen at once; one created elsewhere (the
//! operator CLI, another replica) at most `CrmConfig::credential_ttl` later.

use std::sync::Arc;
use std::time::Duration;

use super::ttl_map::TtlMap;
use crate::model::{AccountId, CustomField, User};

#[derive(Debug)]
pub(crate) struct DirectoryCache {
    pub(crate) users: TtlMap<AccountId, Arc<Vec<User>>>,
    pub(crate) fields: TtlMap<AccountId, Arc<Vec<CustomField>>>,
}

impl DirectoryCache {
    pub(crate) fn new(ttl: Duration) -> Self {
        Self {
            users: TtlMap::new(ttl),
            fields: TtlMap::new(ttl),
        }
    }
}
