//! Pages far into a list are sought from anchors, not counted out from the
//! start: each must be exactly the slice of the whole list that counting
//! out would give, in every seekable order, before and after a write.

use crm_core::{
    ClientFilter, ClientId, ClientPatch, ClientQuery, Direction, Name, Origin, Page, Patch,
    SortKey, TextField, Timestamp, Visibility,
};

use crate::support::{Fixture, person};

/// Past two anchors' spacing, so that pages are sought from the first and
/// the second anchor and from the stretch before any.
const CLIENTS: usize = 1_300;
const PAGE: u64 = 50;
const OFFSETS: [u64; 9] = [0, 480, 511, 512, 700, 1_023, 1_024, 1_100, 1_280];

/// Few distinct names, so that most of the order is decided by the id.
const NAMES: [&str; 7] = ["Борис", "алла", "Алла", "Вера", "Гамма", "бета", "Я"];

async fn seeded() -> (Fixture, Vec<ClientId>) {
    let f = Fixture::new().await;
    let mut ids = Vec::new();
    for batch in (0..CLIENTS).collect::<Vec<_>>().chunks(400) {
        let clients = batch
            .iter()
            .map(|n| person(&format!("{} {}", NAMES[n % NAMES.len()], n % 3), &[]))
            .collect();
        ids.extend(
            f.crm
                .create_clients(f.who(), Origin::Manual, clients)
                .await
                .unwrap(),
        );
    }
    for id in ids.iter().step_by(97) {
        f.crm
            .delete_client(f.who(), *id, Visibility::LiveOnly)
            .await
            .unwrap();
    }
    (f, ids)
}

fn orders() -> Vec<Vec<(SortKey, Direction)>> {
    let mut orders = vec![Vec::new()];
    for key in [
        SortKey::Id,
        SortKey::Name,
        SortKey::Created,
        SortKey::Updated,
    ] {
        for direction in [Direction::Asc, Direction::Desc] {
            orders.push(vec![(key, direction)]);
        }
    }
    orders
}

fn query(
    visibility: Visibility,
    sort: &[(SortKey, Direction)],
    offset: u64,
    limit: u64,
) -> ClientQuery {
    ClientQuery {
        sort: sort.to_vec(),
        ..ClientQuery::new(visibility, Page { offset, limit })
    }
}

async fn whole(f: &Fixture, visibility: Visibility, sort: &[(SortKey, Direction)]) -> Vec<i64> {
    let q = query(visibility, sort, 0, 10_000);
    let page = f.crm.list_clients(f.who(), &q).await.unwrap();
    page.clients.iter().map(|c| c.id.get()).collect()
}

/// Every page of [`OFFSETS`], through both the call with a total and the one
/// without, against the slice of the whole list.
async fn assert_pages_are_slices(f: &Fixture, visibility: Visibility) {
    for sort in orders() {
        let all = whole(f, visibility, &sort).await;
        for offset in OFFSETS {
            let q = query(visibility, &sort, offset, PAGE);
            let start = usize::try_from(offset).unwrap().min(all.len());
            let end = (start + usize::try_from(PAGE).unwrap()).min(all.len());
            let want = &all[start..end];
            let listed = f.crm.list_clients(f.who(), &q).await.unwrap();
            let ids: Vec<i64> = listed.clients.iter().map(|c| c.id.get()).collect();
            assert_eq!(ids, want, "{visibility:?} {sort:?} at {offset}, listed");
            assert_eq!(listed.total, u64::try_from(all.len()).unwrap());
            let windowed = f.crm.clients(f.who(), &q).await.unwrap();
            let ids: Vec<i64> = windowed.iter().map(|c| c.id.get()).collect();
            assert_eq!(ids, want, "{visibility:?} {sort:?} at {offset}, windowed");
        }
    }
}

#[tokio::test]
async fn a_deep_page_is_the_slice_of_the_whole_list() {
    let (f, _) = seeded().await;
    assert_pages_are_slices(&f, Visibility::LiveOnly).await;
    assert_pages_are_slices(&f, Visibility::IncludeDeleted).await;
}

#[tokio::test]
async fn a_write_moves_the_deep_pages_with_it() {
    let (f, ids) = seeded().await;
    let by_name = [(SortKey::Name, Direction::Asc)];
    let deep = query(Visibility::LiveOnly, &by_name, 1_024, PAGE);
    let before = f.crm.clients(f.who(), &deep).await.unwrap();
    for id in &ids[1..4] {
        f.crm
            .delete_client(f.who(), *id, Visibility::LiveOnly)
            .await
            .unwrap();
    }
    f.crm
        .create_client(f.who(), Origin::Manual, person("Аааа", &[]))
        .await
        .unwrap();
    let after = f.crm.clients(f.who(), &deep).await.unwrap();
    assert_ne!(before, after);
    assert_pages_are_slices(&f, Visibility::LiveOnly).await;
}

/// Clients added through this replica move the anchors of a list by id or
/// creation instead of outdating them (and outdate the others'): each page
/// read after them is still the slice of the whole list.
#[tokio::test]
async fn clients_added_after_the_anchors_were_read_move_the_pages_with_them() {
    let (f, ids) = seeded().await;
    for visibility in [Visibility::LiveOnly, Visibility::IncludeDeleted] {
        assert_pages_are_slices(&f, visibility).await;
    }
    f.create(Origin::Manual, person("Новый один", &[])).await;
    let batch = (0..3).map(|n| person(&format!("Новый {n}"), &[])).collect();
    f.crm
        .create_clients(f.who(), Origin::Manual, batch)
        .await
        .unwrap();
    let patch = ClientPatch {
        name: Patch::Set(Name::full("Аааа переименован")),
        ..ClientPatch::default()
    };
    f.crm
        .update_client(
            f.who(),
            ids[5],
            Visibility::LiveOnly,
            Origin::Manual,
            &patch,
        )
        .await
        .unwrap();
    for visibility in [Visibility::LiveOnly, Visibility::IncludeDeleted] {
        assert_pages_are_slices(&f, visibility).await;
    }
    let mut dated = person("Старый", &[]);
    dated.created_at = Some(Timestamp(1));
    f.create(Origin::Manual, dated).await;
    for visibility in [Visibility::LiveOnly, Visibility::IncludeDeleted] {
        assert_pages_are_slices(&f, visibility).await;
    }
}

/// A substring filter is read from the index's candidates when its matches
/// are few and by walking the order when they are many (`Share`): both
/// ways, each page is the slice of the whole list the filter keeps.
#[tokio::test]
async fn word_pages_are_slices_whether_the_matches_are_many_or_few() {
    const MANY: &str = "Маркер";
    const FEW: &str = "Редкий";
    let f = Fixture::new().await;
    let name = |n: usize| match n {
        n if n % 100 == 0 => format!("{FEW} {n}"),
        n if n % 4 != 0 => format!("{MANY} {}", n % 5),
        n => format!("Прочий {n}"),
    };
    for batch in (0..CLIENTS).collect::<Vec<_>>().chunks(400) {
        let clients = batch.iter().map(|n| person(&name(*n), &[])).collect();
        f.crm
            .create_clients(f.who(), Origin::Manual, clients)
            .await
            .unwrap();
    }
    for needle in [MANY, FEW] {
        let filter = ClientFilter::Contains {
            fields: vec![TextField::Name, TextField::Mail],
            needle: needle.to_lowercase(),
        };
        for sort in orders() {
            let everyone = query(Visibility::LiveOnly, &sort, 0, 10_000);
            let all: Vec<i64> = f
                .crm
                .list_clients(f.who(), &everyone)
                .await
                .unwrap()
                .clients
                .iter()
                .filter(|c| c.name.as_full().starts_with(needle))
                .map(|c| c.id.get())
                .collect();
            for offset in [0, 40, 512, 530, 900] {
                let mut q = query(Visibility::LiveOnly, &sort, offset, PAGE);
                q.filters.push(filter.clone());
                let start = usize::try_from(offset).unwrap().min(all.len());
                let end = (start + usize::try_from(PAGE).unwrap()).min(all.len());
                let listed = f.crm.list_clients(f.who(), &q).await.unwrap();
                let ids: Vec<i64> = listed.clients.iter().map(|c| c.id.get()).collect();
                assert_eq!(ids, &all[start..end], "{needle} {sort:?} at {offset}");
                assert_eq!(listed.total, u64::try_from(all.len()).unwrap());
            }
        }
    }
}
