//! The account a request acts for, kept for the whole of the request's task
//! once it has signed in, so that the store can name it to the database
//! (PostgreSQL's row-level security, G9 of docs/reliability.md) without
//! every call carrying it down.

use std::cell::Cell;
use std::future::Future;

use crate::model::AccountId;

tokio::task_local! {
    static SCOPE: Cell<Option<AccountId>>;
}

/// Runs `request` with an empty scope, which signing in fills.
pub async fn request<F: Future>(request: F) -> F::Output {
    SCOPE.scope(Cell::new(None), request).await
}

/// From now on the running request acts for `account` alone. Outside a
/// request (the operator's commands) it changes nothing.
pub fn enter(account: AccountId) {
    let _ = SCOPE.try_with(|scope| scope.set(Some(account)));
}

/// The account the running request acts for, once it has signed in.
pub fn current() -> Option<AccountId> {
    SCOPE.try_with(Cell::get).ok().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_request_acts_for_the_account_it_signed_in_to_and_no_other_task_does() {
        assert_eq!(current(), None);
        let seen = request(async {
            let before = current();
            enter(AccountId(7));
            tokio::task::yield_now().await;
            let other_task = tokio::spawn(async { current() }).await.ok().flatten();
            (before, current(), other_task)
        })
        .await;
        assert_eq!(seen, (None, Some(AccountId(7)), None));
        enter(AccountId(8));
        assert_eq!(current(), None);
    }
}
