//! koers-store against real git repositories in temporary folders, with made-up
//! organisations.

use std::fs;
use std::hash::BuildHasher as _;
use std::os::unix::process::{CommandExt as _, ExitStatusExt as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Barrier};
use std::time::Duration;

use koers_store::{Editor, PublishError, Store, Timestamp};

const ZON: &str = "zonnedorp";
const MAAN: &str = "maanbeek";
/// 2026-12-03 13:59:19 UTC.
const NOW: i64 = 1_796_306_359;

fn an() -> Editor {
    Editor {
        id: "an-1".into(),
        name: "An Voorbeeld".into(),
    }
}

fn bo() -> Editor {
    Editor {
        id: "bo-2".into(),
        name: "Bo Proef".into(),
    }
}

fn org_file(name: &str, phone: &str) -> String {
    format!("{{\n  \"name\": \"{name}\",\n  \"phone\": \"{phone}\"\n}}\n")
}

/// A content folder as the checkout's `public/content`, with two made-up organisations.
fn content_folder(root: &Path) -> PathBuf {
    let folder = root.join("content");
    fs::create_dir_all(&folder).unwrap();
    fs::write(
        folder.join("index.json"),
        r#"{"organisations": [{"slug": "zonnedorp", "name": "Zonnedorp"}, {"slug": "maanbeek", "name": "Maanbeek"}]}"#,
    )
    .unwrap();
    fs::write(
        folder.join("zonnedorp.json"),
        org_file("Zonnedorp", "000 00 00 01"),
    )
    .unwrap();
    fs::write(
        folder.join("maanbeek.json"),
        org_file("Maanbeek", "000 00 00 02"),
    )
    .unwrap();
    folder
}

fn repo(dir: &Path) -> PathBuf {
    dir.join("repo")
}

fn proposals(dir: &Path) -> PathBuf {
    dir.join("proposals")
}

fn open(dir: &Path) -> Store {
    Store::open(&repo(dir), &proposals(dir))
        .unwrap()
        .with_clock(|| Timestamp(NOW))
}

fn setup() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let content = content_folder(dir.path());
    let store = Store::init(&repo(dir.path()), &content, &proposals(dir.path()))
        .unwrap()
        .with_clock(|| Timestamp(NOW));
    (dir, store)
}

/// `git args…` on the repository, apart from the user's configuration.
fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .arg("--git-dir")
        .arg(repo(dir))
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn init_imports_the_content_folder_once_and_opens_it_afterwards() {
    let (dir, store) = setup();
    assert_eq!(
        git(dir.path(), &["rev-parse", "--is-bare-repository"]),
        "true\n"
    );
    assert_eq!(
        git(dir.path(), &["ls-tree", "-r", "--name-only", "main"]),
        "public/content/index.json\npublic/content/maanbeek.json\npublic/content/zonnedorp.json\n"
    );
    let orgs = store.organisations().unwrap();
    let slugs: Vec<&str> = orgs.iter().map(|o| o.slug.as_str()).collect();
    assert_eq!(slugs, [ZON, MAAN]);
    assert_eq!(orgs[1].name, "Maanbeek");

    let first = store.tip().unwrap();
    let current = store.current(ZON).unwrap();
    assert_eq!(current.commit, first);
    assert_eq!(current.content, org_file("Zonnedorp", "000 00 00 01"));
    let history = store.history(ZON).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].commit, first);
    assert_eq!(history[0].author_name, "Koers");
    assert_eq!(history[0].author_id, None);
    assert_eq!(history[0].note, "Inhoud overgenomen");
    // Made with the system's clock (the store's clock is set after init).
    assert!((Timestamp::now().unix() - history[0].when.unix()).abs() < 600);
    assert_eq!(history[0].approved_by, None);
    drop(store);

    // Again, with other content: the repository is opened, unchanged.
    let other = dir.path().join("other");
    fs::create_dir_all(&other).unwrap();
    fs::write(other.join("index.json"), r#"{"organisations": []}"#).unwrap();
    let again = Store::init(&repo(dir.path()), &other, &proposals(dir.path())).unwrap();
    assert_eq!(again.tip().unwrap(), first);
    assert_eq!(again.organisations().unwrap(), orgs);
    assert_eq!(git(dir.path(), &["rev-list", "--count", "main"]), "1\n");
}

#[test]
fn init_refuses_a_folder_without_its_files_and_open_needs_a_repository() {
    let dir = tempfile::tempdir().unwrap();
    let content = content_folder(dir.path());
    fs::remove_file(content.join("maanbeek.json")).unwrap();
    let err = Store::init(&repo(dir.path()), &content, &proposals(dir.path())).unwrap_err();
    assert!(err.to_string().contains("maanbeek.json"), "{err}");
    fs::remove_file(content.join("index.json")).unwrap();
    let err = Store::init(&repo(dir.path()), &content, &proposals(dir.path())).unwrap_err();
    assert!(err.to_string().contains("index.json"), "{err}");
    assert!(Store::open(&repo(dir.path()), &proposals(dir.path())).is_err());
    assert!(Store::open(dir.path(), &proposals(dir.path())).is_err());
}

#[test]
fn publish_makes_a_commit_by_the_editor_that_changes_only_that_file() {
    let (dir, store) = setup();
    let first = store.current(ZON).unwrap();
    let new = org_file("Zonnedorp", "000 00 00 99");
    let published = store
        .publish(ZON, &new, &first.commit, &an(), "Nieuw telefoonnummer")
        .unwrap();
    assert!(published.changed);
    assert_eq!(store.tip().unwrap(), published.commit);

    let current = store.current(ZON).unwrap();
    assert_eq!(current.commit, published.commit);
    assert_eq!(current.content, new);
    // The other organisation's version stays the first commit.
    assert_eq!(store.current(MAAN).unwrap().commit, first.commit);
    assert_eq!(
        git(
            dir.path(),
            &["diff", "--name-only", &first.commit, &published.commit]
        ),
        "public/content/zonnedorp.json\n"
    );
    assert_eq!(
        git(
            dir.path(),
            &[
                "log",
                "-1",
                "--format=%an <%ae> %ad%n%cn <%ce>%n%B",
                "--date=raw"
            ]
        ),
        format!(
            "An Voorbeeld <an-1@editors.koers.invalid> {NOW} +0100\n\
             An Voorbeeld <an-1@editors.koers.invalid>\n\
             Nieuw telefoonnummer\n\nKoers-Organisation: zonnedorp\n\n"
        )
    );

    assert_eq!(store.at(ZON, &first.commit).unwrap(), first.content);
    assert_eq!(store.at(ZON, &published.commit).unwrap(), new);
    assert_eq!(
        store.at(ZON, &published.commit.to_uppercase()).unwrap(),
        new
    );

    let history = store.history(ZON).unwrap();
    let commits: Vec<&str> = history.iter().map(|e| e.commit.as_str()).collect();
    assert_eq!(commits, [published.commit.as_str(), first.commit.as_str()]);
    assert_eq!(history[0].author_name, "An Voorbeeld");
    assert_eq!(history[0].author_id.as_deref(), Some("an-1"));
    assert_eq!(history[0].note, "Nieuw telefoonnummer");
    assert_eq!(history[0].when.rfc3339(), "2026-12-03T14:59:19+01:00");
    assert_eq!(history[0].trailer("Koers-Organisation"), Some(ZON));
    assert_eq!(store.history(MAAN).unwrap().len(), 1);

    // The same file again: nothing to publish, no commit.
    let again = store
        .publish(ZON, &new, &current.commit, &bo(), "Nog eens")
        .unwrap();
    assert!(!again.changed);
    assert_eq!(again.commit, published.commit);
    assert_eq!(store.tip().unwrap(), published.commit);
}

#[test]
fn a_new_name_is_written_into_the_index_in_the_same_commit() {
    let (dir, store) = setup();
    let first = store.current(ZON).unwrap();
    let renamed = org_file("Gemeente Zonnedorp", "000 00 00 01");
    let published = store
        .publish(ZON, &renamed, &first.commit, &an(), "Volledige naam")
        .unwrap();
    assert_eq!(
        git(
            dir.path(),
            &["diff", "--name-only", &first.commit, &published.commit]
        ),
        "public/content/index.json\npublic/content/zonnedorp.json\n"
    );
    let names: Vec<(String, String)> = store
        .organisations()
        .unwrap()
        .into_iter()
        .map(|o| (o.slug, o.name))
        .collect();
    assert_eq!(
        names,
        [
            (ZON.to_string(), "Gemeente Zonnedorp".to_string()),
            (MAAN.to_string(), "Maanbeek".to_string())
        ]
    );
    // The other organisation's version is not changed by its line in the index.
    assert_eq!(store.current(MAAN).unwrap().commit, first.commit);
}

#[test]
fn export_writes_a_versions_content_folder() {
    let (dir, store) = setup();
    let first = store.current(ZON).unwrap();
    let new = org_file("Zonnedorp", "000 00 00 42");
    let published = store
        .publish(ZON, &new, &first.commit, &an(), "Nummer")
        .unwrap();
    let out = dir.path().join("uit");
    store.export(&published.commit, &out).unwrap();
    let original = content_folder(&dir.path().join("origineel"));
    let mut names: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["index.json", "maanbeek.json", "zonnedorp.json"]);
    assert_eq!(fs::read_to_string(out.join("zonnedorp.json")).unwrap(), new);
    for same in ["index.json", "maanbeek.json"] {
        assert_eq!(
            fs::read(out.join(same)).unwrap(),
            fs::read(original.join(same)).unwrap()
        );
    }
    let old = dir.path().join("oud");
    store.export(&first.commit, &old).unwrap();
    assert_eq!(
        fs::read_to_string(old.join("zonnedorp.json")).unwrap(),
        first.content
    );
    assert!(store
        .export("0123456789", &dir.path().join("niets"))
        .is_err());
}

#[test]
fn at_refuses_what_is_not_a_version_of_main() {
    let (dir, store) = setup();
    let first = store.tip().unwrap();
    // A commit outside main's history.
    let tree = git(dir.path(), &["rev-parse", "main^{tree}"]);
    let stray = Command::new("git")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "X")
        .env("GIT_AUTHOR_EMAIL", "x@x.invalid")
        .env("GIT_COMMITTER_NAME", "X")
        .env("GIT_COMMITTER_EMAIL", "x@x.invalid")
        .arg("--git-dir")
        .arg(repo(dir.path()))
        .args(["commit-tree", tree.trim(), "-m", "ergens anders"])
        .output()
        .unwrap();
    let stray = String::from_utf8(stray.stdout).unwrap();
    let blob = git(
        dir.path(),
        &["rev-parse", "main:public/content/zonnedorp.json"],
    );
    for bad in [
        stray.trim(),
        blob.trim(),
        &"0".repeat(40),
        "main",
        "HEAD~0",
        "",
    ] {
        assert!(store.at(ZON, bad).is_err(), "{bad}");
    }
    assert!(store.at("onbekend", &first).is_err());
    assert!(store.at("../zonnedorp", &first).is_err());
    assert!(store.current("onbekend").is_err());
    assert!(store.history("onbekend").is_err());
}

#[test]
fn a_change_to_the_same_organisation_since_the_base_is_a_conflict_another_is_not() {
    let (_dir, store) = setup();
    let base = store.current(ZON).unwrap().commit;
    let maan_base = store.current(MAAN).unwrap().commit;
    let by_an = org_file("Zonnedorp", "000 11 11 11");
    let an_published = store.publish(ZON, &by_an, &base, &an(), "An").unwrap();

    // Bo opened the same version of Zonnedorp.
    let err = store
        .publish(
            ZON,
            &org_file("Zonnedorp", "000 22 22 22"),
            &base,
            &bo(),
            "Bo",
        )
        .unwrap_err();
    let PublishError::Conflict { current, since } = err else {
        panic!("a conflict, not {err:?}");
    };
    assert_eq!(current.commit, an_published.commit);
    assert_eq!(current.content, by_an);
    assert_eq!(since.len(), 1);
    assert_eq!(since[0].commit, an_published.commit);
    assert_eq!(since[0].author_name, "An Voorbeeld");
    assert_eq!(since[0].note, "An");
    assert_eq!(store.current(ZON).unwrap().content, by_an);

    // Maanbeek from its version of before An's publish: no conflict.
    let maan = store
        .publish(
            MAAN,
            &org_file("Maanbeek", "000 33"),
            &maan_base,
            &bo(),
            "Bo",
        )
        .unwrap();
    assert!(maan.changed);
    // Nor is Maanbeek's commit one for Zonnedorp from An's version.
    store
        .publish(
            ZON,
            &org_file("Zonnedorp", "000 44"),
            &an_published.commit,
            &an(),
            "Weer An",
        )
        .unwrap();
    assert_eq!(store.current(MAAN).unwrap().commit, maan.commit);

    // A base that is no version here.
    for base in ["f".repeat(40), "main".into(), String::new()] {
        let err = store
            .publish(ZON, &org_file("Zonnedorp", "000 55"), &base, &bo(), "Bo")
            .unwrap_err();
        assert!(matches!(err, PublishError::UnknownBase(_)), "{err:?}");
    }
}

#[test]
fn of_publishes_at_once_from_one_base_exactly_one_wins_across_stores_too() {
    let (dir, store) = setup();
    let other = open(dir.path());
    let stores = [Arc::new(store), Arc::new(other)];
    let base = stores[0].current(ZON).unwrap().commit;
    let threads = 8;
    let barrier = Arc::new(Barrier::new(threads));
    let handles: Vec<_> = (0..threads)
        .map(|i| {
            let store = Arc::clone(&stores[i % 2]);
            let (base, barrier) = (base.clone(), Arc::clone(&barrier));
            std::thread::spawn(move || {
                barrier.wait();
                let content = org_file("Zonnedorp", &format!("000 {i}"));
                store.publish(ZON, &content, &base, &an(), &format!("draad {i}"))
            })
        })
        .collect();
    let results: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    let won: Vec<_> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
    assert_eq!(won.len(), 1, "{results:?}");
    for result in &results {
        if let Err(err) = result {
            assert!(matches!(err, PublishError::Conflict { .. }), "{err:?}");
        }
    }
    assert_eq!(stores[0].current(ZON).unwrap().commit, won[0].commit);
    assert_eq!(stores[0].history(ZON).unwrap().len(), 2);

    // Two organisations at once, each from its own current version, through both
    // stores: every publish lands (on top of the other's when main moved).
    let rounds = 10;
    let handles: Vec<_> = [ZON, MAAN]
        .into_iter()
        .enumerate()
        .map(|(i, org)| {
            let stores = stores.clone();
            std::thread::spawn(move || {
                for n in 0..rounds {
                    let store = &stores[(i + n) % 2];
                    let base = store.current(org).unwrap().commit;
                    let content = org_file(org, &format!("{n}"));
                    store
                        .publish(org, &content, &base, &bo(), &format!("ronde {n}"))
                        .unwrap();
                }
            })
        })
        .collect();
    for handle in handles {
        handle.join().unwrap();
    }
    assert_eq!(stores[0].history(ZON).unwrap().len(), 2 + rounds);
    assert_eq!(stores[0].history(MAAN).unwrap().len(), 1 + rounds);
    assert_eq!(
        git(dir.path(), &["rev-list", "--count", "main"]),
        format!("{}\n", 2 + 2 * rounds)
    );
}

#[test]
fn rollback_publishes_an_old_version_again_with_its_date_in_dutch() {
    let (_dir, store) = setup();
    let first = store.current(ZON).unwrap();
    let one = store
        .publish(
            ZON,
            &org_file("Zonnedorp", "1"),
            &first.commit,
            &an(),
            "Een",
        )
        .unwrap();
    let one_content = store.current(ZON).unwrap().content;
    let two = store
        .publish(ZON, &org_file("Zonnedorp", "2"), &one.commit, &an(), "Twee")
        .unwrap();
    // Back to the version published on the store's (fixed) clock: the first one was
    // imported at the real time, so its date would be the day the test runs.
    let back = store
        .rollback(ZON, &one.commit, &two.commit, &bo(), "Fout nummer")
        .unwrap();
    assert!(back.changed);
    assert_eq!(store.current(ZON).unwrap().content, one_content);
    assert_ne!(one_content, first.content);
    let history = store.history(ZON).unwrap();
    assert_eq!(history.len(), 4);
    assert_eq!(
        history[0].note,
        "Versie van 3 december 2026 teruggezet\n\nFout nummer"
    );
    assert_eq!(history[0].author_id.as_deref(), Some("bo-2"));
    assert_eq!(
        history[0].trailer("Koers-Restored"),
        Some(one.commit.as_str())
    );
    // From a version before the last publish: a conflict, as a publish.
    let err = store
        .rollback(ZON, &first.commit, &two.commit, &bo(), "")
        .unwrap_err();
    assert!(matches!(err, PublishError::Conflict { .. }), "{err:?}");
    // To something that is no version of it.
    assert!(store
        .rollback(ZON, &"a".repeat(40), &back.commit, &bo(), "")
        .is_err());
}

#[test]
fn a_proposal_waits_for_another_editor_who_approves_or_returns_it() {
    let (dir, store) = setup();
    let base = store.current(ZON).unwrap().commit;
    let content = org_file("Zonnedorp", "000 77");
    let id = store
        .propose(ZON, &content, &base, &an(), "Voorstel")
        .unwrap();
    assert!(proposals(dir.path())
        .join(ZON)
        .join(format!("{id}.json"))
        .is_file());
    let listed = store.proposals(ZON).unwrap();
    assert_eq!(listed.len(), 1);
    let proposal = &listed[0];
    assert_eq!(proposal.id, id);
    assert_eq!(proposal.author, an());
    assert_eq!(proposal.when, Timestamp(NOW));
    assert_eq!(proposal.note, "Voorstel");
    assert_eq!(proposal.base, base);
    assert_eq!(proposal.content, content);
    assert_eq!(proposal.returned, None);
    assert!(store.proposals(MAAN).unwrap().is_empty());
    // Nothing is published yet.
    assert_eq!(store.current(ZON).unwrap().commit, base);

    // Not by its author.
    let err = store.approve(ZON, &id, &an()).unwrap_err();
    assert!(matches!(err, PublishError::OwnProposal), "{err:?}");
    // Nor returned by its author.
    let err = store
        .return_proposal(ZON, &id, &an(), "Toch niet")
        .unwrap_err();
    assert!(matches!(err, PublishError::OwnProposal), "{err:?}");
    assert_eq!(store.proposal(ZON, &id).unwrap().returned, None);

    // Returned with a remark: it stays for its author, and cannot be approved.
    store
        .return_proposal(ZON, &id, &bo(), "Het nummer mist een cijfer")
        .unwrap();
    let returned = store.proposal(ZON, &id).unwrap().returned.unwrap();
    assert_eq!(returned.by, bo());
    assert_eq!(returned.remark, "Het nummer mist een cijfer");
    assert_eq!(returned.when, Timestamp(NOW));
    let err = store.approve(ZON, &id, &bo()).unwrap_err();
    assert!(matches!(err, PublishError::Returned), "{err:?}");
    // Only its author withdraws it.
    let err = store.withdraw(ZON, &id, &bo()).unwrap_err();
    assert!(matches!(err, PublishError::NotOwnProposal), "{err:?}");
    assert_eq!(store.proposals(ZON).unwrap().len(), 1);
    store.withdraw(ZON, &id, &an()).unwrap();
    assert!(store.proposals(ZON).unwrap().is_empty());
    assert!(store.withdraw(ZON, &id, &an()).is_err());

    // Proposed again, approved by Bo: An's commit, with Bo as approver.
    let id = store
        .propose(ZON, &content, &base, &an(), "Voorstel 2")
        .unwrap();
    let published = store.approve(ZON, &id, &bo()).unwrap();
    assert!(published.changed);
    assert!(store.proposals(ZON).unwrap().is_empty());
    assert!(store.approve(ZON, &id, &bo()).is_err());
    let current = store.current(ZON).unwrap();
    assert_eq!(current.commit, published.commit);
    assert_eq!(current.content, content);
    let entry = &store.history(ZON).unwrap()[0];
    assert_eq!(entry.author_id.as_deref(), Some("an-1"));
    assert_eq!(entry.note, "Voorstel 2");
    assert_eq!(entry.approved_by, Some(bo()));
    assert_eq!(entry.trailer("Koers-Proposal"), Some(id.as_str()));
    assert_eq!(
        git(dir.path(), &["log", "-1", "--format=%cn <%ce>"]),
        "Bo Proef <bo-2@editors.koers.invalid>\n"
    );

    // A proposal from a version that is no longer current: refused when proposed, and
    // when approved after someone published since its base (it stays).
    let err = store
        .propose(ZON, &org_file("Zonnedorp", "x"), &base, &an(), "Te laat")
        .unwrap_err();
    assert!(matches!(err, PublishError::Conflict { .. }), "{err:?}");
    let id = store
        .propose(
            ZON,
            &org_file("Zonnedorp", "y"),
            &current.commit,
            &an(),
            "Y",
        )
        .unwrap();
    store
        .publish(
            ZON,
            &org_file("Zonnedorp", "z"),
            &current.commit,
            &bo(),
            "Z",
        )
        .unwrap();
    let err = store.approve(ZON, &id, &bo()).unwrap_err();
    assert!(matches!(err, PublishError::Conflict { .. }), "{err:?}");
    assert_eq!(store.proposals(ZON).unwrap().len(), 1);
    assert!(store.proposal(ZON, "../../repo/HEAD").is_err());
}

#[test]
fn an_approval_whose_proposal_file_outlived_its_commit_is_done_once() {
    let (dir, store) = setup();
    let base = store.current(ZON).unwrap().commit;
    let id = store
        .propose(ZON, &org_file("Zonnedorp", "1"), &base, &an(), "Een")
        .unwrap();
    let file = proposals(dir.path()).join(ZON).join(format!("{id}.json"));
    let saved = fs::read(&file).unwrap();
    let published = store.approve(ZON, &id, &bo()).unwrap();
    // As if the process had been killed between the commit and the removal.
    fs::write(&file, saved).unwrap();
    store
        .publish(
            ZON,
            &org_file("Zonnedorp", "2"),
            &published.commit,
            &an(),
            "Twee",
        )
        .unwrap();
    let again = store.approve(ZON, &id, &bo()).unwrap();
    assert_eq!(again.commit, published.commit);
    assert!(store.proposals(ZON).unwrap().is_empty());
    assert_eq!(store.history(ZON).unwrap().len(), 3);
}

#[test]
fn open_removes_the_lock_files_of_a_killed_process_but_not_a_live_stores() {
    let (dir, store) = setup();
    let repo = repo(dir.path());
    let locks = [
        repo.join("refs/heads/main.lock"),
        repo.join("HEAD.lock"),
        repo.join("packed-refs.lock"),
    ];
    for lock in &locks {
        fs::write(lock, "").unwrap();
    }
    let temporary = proposals(dir.path()).join(ZON).join(".koers-proposal-abc");
    fs::create_dir_all(temporary.parent().unwrap()).unwrap();
    fs::write(&temporary, "{").unwrap();

    // While a store is open, another open leaves them: they may be its git's.
    let second = open(dir.path());
    assert!(second.recovered().is_empty());
    assert!(locks.iter().all(|l| l.exists()));
    drop((store, second));

    let store = open(dir.path());
    let mut recovered = store.recovered().to_vec();
    recovered.sort();
    let mut expected = locks.to_vec();
    expected.push(temporary.clone());
    expected.sort();
    assert_eq!(recovered, expected);
    assert!(!locks.iter().any(|l| l.exists()));
    assert!(!temporary.exists());
    let base = store.current(ZON).unwrap().commit;
    store
        .publish(ZON, &org_file("Zonnedorp", "na"), &base, &an(), "Na")
        .unwrap();
}

/// A child of the kill test: publishes, proposes, approves, returns and withdraws
/// until it is killed.
#[test]
#[ignore = "the child process of killed_at_any_moment_the_repository_stays_consistent"]
fn child_publishes_until_killed() {
    let Some(dir) = std::env::var_os("KOERS_STORE_CHILD") else {
        return;
    };
    let dir = PathBuf::from(dir);
    let store = Store::open(&repo(&dir), &proposals(&dir)).unwrap();
    // Files of some size, so that writing them takes a moment.
    let padding = "x".repeat(16 * 1024);
    for n in 0.. {
        for org in [ZON, MAAN] {
            let base = store.current(org).unwrap().commit;
            let content = org_file(org, &format!("{n} {padding}"));
            store
                .publish(org, &content, &base, &an(), &format!("stap {n}"))
                .unwrap();
        }
        let base = store.current(ZON).unwrap().commit;
        let content = org_file(ZON, &format!("voorstel {n} {padding}"));
        let id = store
            .propose(ZON, &content, &base, &an(), "voorstel")
            .unwrap();
        match n % 3 {
            0 => store.return_proposal(ZON, &id, &bo(), "nee").unwrap(),
            1 => store.withdraw(ZON, &id, &an()).unwrap(),
            _ => {
                store.approve(ZON, &id, &bo()).unwrap();
            }
        }
    }
}

/// Kills a process that writes at random moments (with its `git` children: the whole
/// process group, as a service manager does); every time the repository is whole, a
/// store opens it, and publishing goes on. The moment is counted from the child's
/// first commit, so that a slow machine (the child's start can take longer than the
/// wait) still kills it at work, anywhere in its loop.
#[test]
fn killed_at_any_moment_the_repository_stays_consistent() {
    let (dir, store) = setup();
    drop(store);
    let exe = std::env::current_exe().unwrap();
    let random = std::hash::RandomState::new();
    let rounds = 20;
    let mut recovered = 0;
    for round in 0..rounds {
        let before = git(dir.path(), &["rev-parse", "main"]);
        let log = dir.path().join("child.log");
        let mut child = Command::new(&exe)
            .args([
                "child_publishes_until_killed",
                "--exact",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("KOERS_STORE_CHILD", dir.path())
            .stdout(Stdio::null())
            .stderr(fs::File::create(&log).unwrap())
            .process_group(0)
            .spawn()
            .unwrap();
        let started = std::time::Instant::now();
        while git(dir.path(), &["rev-parse", "main"]) == before {
            assert!(
                started.elapsed() < Duration::from_secs(120),
                "the child made no commit: {}",
                fs::read_to_string(&log).unwrap()
            );
            std::thread::sleep(Duration::from_millis(5));
        }
        let wait = random.hash_one(round) % 600;
        std::thread::sleep(Duration::from_millis(wait));
        let killed = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", child.id())])
            .status()
            .unwrap();
        assert!(killed.success());
        let status = child.wait().unwrap();
        assert_eq!(
            status.signal(),
            Some(9),
            "the child ended by itself: {}",
            fs::read_to_string(&log).unwrap()
        );

        let store = open(dir.path());
        recovered += store.recovered().len();
        for org in [ZON, MAAN] {
            let current = store.current(org).unwrap();
            assert!(current.content.starts_with("{\n  \"name\""), "{org}");
            assert!(current.content.ends_with("\"\n}\n"), "{org}");
            assert_eq!(store.history(org).unwrap()[0].commit, current.commit);
        }
        for proposal in store.proposals(ZON).unwrap() {
            assert!(proposal.content.contains("voorstel"));
        }
        git(dir.path(), &["fsck", "--full", "--strict", "--no-dangling"]);
        let base = store.current(MAAN).unwrap().commit;
        let after = store
            .publish(
                MAAN,
                &org_file("Maanbeek", &format!("na {round}")),
                &base,
                &bo(),
                "Na",
            )
            .unwrap();
        assert_eq!(store.tip().unwrap(), after.commit);
    }
    let commits: usize = git(dir.path(), &["rev-list", "--count", "main"])
        .trim()
        .parse()
        .unwrap();
    // The first commit and one publish after every kill, and the children's work.
    assert!(commits > 1 + 2 * rounds as usize, "{commits} commits");
    eprintln!(
        "{rounds} kills: {commits} commits, {recovered} files left by killed processes removed"
    );
}
