//! The studio's state (`Studio`, shared through context): one organisation in a signal;
//! every change is kept on the device at once, and checked as `cargo xtask
//! check-content` checks a file once typing pauses. Imports no part of the screen.

use koers_content::{Organisation, PageKind, Problems};
use leptos::prelude::*;

use crate::draft::{self, Opened};
use crate::keep::{self, Keeping, Restored, Saved};
use crate::web::{self, Held, Store};

/// How long typing pauses before the check and the preview follow it.
const PAUSE: std::time::Duration = std::time::Duration::from_millis(200);

/// What the whole screen shares.
#[derive(Clone, Copy)]
pub struct Studio {
    /// The organisation being edited.
    pub org: RwSignal<Organisation>,
    /// What the checks find in it, once typing pauses (see `settled`).
    pub problems: Memo<Problems>,
    /// Bumped when the organisation has stopped changing: `PAUSE` after the last edit,
    /// at once when one is opened. The check and the preview follow this, not every
    /// keystroke: both cost in proportion to the whole file (BENCHMARKS.md, the studio
    /// at its limits). What is typed is still kept on the device at every keystroke.
    pub settled: RwSignal<u64>,
    /// Between an edit and the pause that settles it: the summary and the preview say
    /// they are being brought up to date (`aria-busy`).
    pub typing: RwSignal<bool>,
    /// Edits so far: a pause's timer settles only when no edit came after it.
    edits: StoredValue<u64>,
    /// The problems of the file last opened, with line and column (cleared by the
    /// next edit that fixes them: they are the file's, not the form's).
    pub opened: RwSignal<Option<(String, Problems)>>,
    /// The page being edited and previewed.
    pub page: RwSignal<PageKind>,
    /// Changes since the last download: leaving then asks first.
    pub unsaved: RwSignal<bool>,
    /// A short message for screen readers and sighted editors alike.
    pub status: RwSignal<String>,
    /// The id of the draft this tab is on (see `keep`).
    pub draft: RwSignal<String>,
    /// Whether the work is kept on the device right now.
    pub keeping: RwSignal<Keeping>,
    /// On a Koers server: the version the draft was opened from, which a publish gives
    /// as its base (kept on the device with the draft).
    pub base: RwSignal<Option<String>>,
    /// What the server's checks refused at the last publish: shown with the studio's
    /// own problems until the next edit.
    pub refused: RwSignal<Problems>,
    /// The draft's Web Lock, while this tab holds it.
    held: StoredValue<Option<Held>, LocalStorage>,
}

impl Studio {
    /// The studio's state at the start, provided as context: the draft this tab comes
    /// back to (or a new one), kept on the device as it is typed once this tab holds
    /// it, and the browser asked before leaving work not downloaded.
    pub fn start() -> Studio {
        move_legacy_draft();
        let start = keep::draft_to_restore(
            web::get(Store::Tab, keep::TAB_KEY),
            web::get(Store::Local, keep::LAST_KEY),
        );
        let restored = start.as_ref().map_or(Restored::Nothing, |start| {
            keep::restore(
                start,
                web::get(Store::Local, &keep::key(&start.id)).as_deref(),
            )
        });
        let (id, saved, status) = match (start, restored) {
            (Some(start), Restored::Draft(saved)) => (start.id, Some(saved), keep::RESTORED),
            (Some(start), Restored::Lost) => (start.id, None, keep::LOST),
            _ => (keep::new_id(web::now_ms()), None, ""),
        };
        let org = RwSignal::new(
            saved
                .as_ref()
                .map_or_else(draft::empty, |s| s.organisation.clone()),
        );
        let base = saved.as_ref().and_then(|s| s.base.clone());
        let settled = RwSignal::new(0);
        let refused = RwSignal::new(Problems::new());
        let studio = Studio {
            org,
            problems: Memo::new(move |_| {
                settled.track();
                let mut problems = org.with_untracked(draft::check);
                refused.with(|more| {
                    for p in more {
                        if !problems
                            .iter()
                            .any(|q| q.path == p.path && q.message == p.message)
                        {
                            problems.push(p.clone());
                        }
                    }
                });
                problems
            }),
            settled,
            typing: RwSignal::new(false),
            edits: StoredValue::new(0),
            opened: RwSignal::new(None),
            page: RwSignal::new(org.with_untracked(first_page)),
            unsaved: RwSignal::new(saved.is_some_and(|s| s.unsaved)),
            status: RwSignal::new(status.into()),
            draft: RwSignal::new(String::new()),
            keeping: RwSignal::new(Keeping::Waiting),
            base: RwSignal::new(base),
            refused,
            held: StoredValue::new_local(None),
        };
        provide_context(studio);
        studio.switch_to(id, None);
        web::ask_persistent_storage();
        // Kept on the device as it is typed, once this tab holds the draft: a reload or a
        // closed tab loses nothing, and a failure is said at once.
        Effect::new(move |_| {
            let id = studio.draft.get();
            if studio.keeping.with(|k| *k == Keeping::Waiting) {
                return;
            }
            let saved = Saved {
                organisation: org.get(),
                unsaved: studio.unsaved.get(),
                base: studio.base.get(),
            };
            studio.keep(&id, &saved);
        });
        web::ask_before_leaving(move || studio.unsaved.get_untracked());
        studio
    }

    /// Changes the organisation (the form's fields call this).
    pub fn edit(&self, change: impl FnOnce(&mut Organisation)) {
        self.org.update(change);
        if self.refused.with_untracked(|r| !r.is_empty()) {
            self.refused.set(Problems::new());
        }
        self.unsaved.set(true);
        if !self.typing.get_untracked() {
            self.typing.set(true);
        }
        let edit = self.edits.get_value() + 1;
        self.edits.set_value(edit);
        let studio = *self;
        set_timeout(
            move || {
                if studio.edits.get_value() == edit {
                    studio.settle();
                }
            },
            PAUSE,
        );
    }

    /// The check and the preview follow the organisation now (it was replaced), and
    /// no pause still running settles again.
    fn settle(&self) {
        self.edits.update_value(|n| *n += 1);
        self.typing.set(false);
        self.settled.update(|n| *n += 1);
    }

    /// Starts over with `opened` (new, from the build, or from a file), as this tab's
    /// draft. When another tab edits the same organisation, nothing changes here but
    /// the status, which says so.
    pub fn load(&self, opened: Opened, from: String) {
        self.load_version(opened, from, None);
    }

    /// Starts over with `opened`, as `load`, opened from the server's version `base`
    /// (none: not from a server).
    pub fn load_version(&self, opened: Opened, from: String, base: Option<String>) {
        let id = keep::id_for(&opened.organisation, web::now_ms());
        if keep::is_new(&id) || id == self.draft.get_untracked() {
            // Nobody else can be on it: at once.
            if id != self.draft.get_untracked() {
                self.switch_to(id, None);
            }
            self.show(opened, from, base);
            return;
        }
        let studio = *self;
        let name = display_name(&opened.organisation, &from);
        web::lock(&keep::key(&id), move |held| match held {
            None => studio.status.set(keep::elsewhere(&name)),
            Some(held) => {
                studio.switch_to(id, Some(held));
                studio.show(opened, from, base);
            }
        });
    }

    fn show(&self, opened: Opened, from: String, base: Option<String>) {
        let problems = opened.problems;
        let count = problems.len();
        self.base.set(base);
        self.refused.set(Problems::new());
        self.org.set(opened.organisation);
        self.settle();
        self.unsaved.set(false);
        self.page.set(first_page(&self.org.get_untracked()));
        self.status.set(match count {
            0 => format!("{from} is geopend."),
            1 => format!("{from} is geopend, met 1 fout."),
            n => format!("{from} is geopend, met {n} fouten."),
        });
        self.opened.set((count > 0).then_some((from, problems)));
    }

    /// Makes draft `id` this tab's, with its lock `held`, or else asks for the lock
    /// and keeps nothing until this tab has it (a refusal starts a new draft). The
    /// draft left, when this tab held it and it holds nothing not downloaded, is
    /// forgotten on the device.
    fn switch_to(&self, id: String, held: Option<Held>) {
        let left = self.draft.get_untracked();
        if !left.is_empty()
            && !self.unsaved.get_untracked()
            && self.held.with_value(Option::is_some)
        {
            web::remove(Store::Local, &keep::key(&left));
            web::remove(Store::Local, &keep::dismissed_key(&left));
        }
        self.held.set_value(None);
        let _ = web::set(Store::Tab, keep::TAB_KEY, &id);
        self.draft.set(id.clone());
        let waiting = held.is_none();
        self.held.set_value(held);
        self.keeping.set(if waiting {
            Keeping::Waiting
        } else {
            Keeping::Kept
        });
        if !waiting {
            return;
        }
        let studio = *self;
        web::lock(&keep::key(&id), move |held| {
            if studio.draft.get_untracked() != id {
                return;
            }
            match held {
                Some(held) => {
                    studio.held.set_value(Some(held));
                    studio.keeping.set(Keeping::Kept);
                }
                None => studio.start_anew_beside(),
            }
        });
    }

    /// The draft this tab came back to is edited in another tab: a new one here.
    fn start_anew_beside(&self) {
        let name = self
            .org
            .with_untracked(|o| display_name(o, "Je vorige werk"));
        self.org.set(draft::empty());
        self.base.set(None);
        self.settle();
        self.unsaved.set(false);
        self.opened.set(None);
        self.page.set(first_page(&self.org.get_untracked()));
        self.switch_to(keep::new_id(web::now_ms()), None);
        self.status.set(format!(
            "{} Hier begin je met een nieuw bestuur.",
            keep::elsewhere(&name)
        ));
    }

    /// Keeps the draft on the device, and says so when that stops or starts working
    /// again. A draft that cannot be kept is removed rather than left behind older:
    /// that frees its room for the new one, and a reload never presents it as the work.
    fn keep(&self, id: &str, saved: &Saved) {
        let key = keep::key(id);
        let text = saved.to_json();
        let kept = web::set(Store::Local, &key, &text) || {
            web::remove(Store::Local, &key);
            web::set(Store::Local, &key, &text)
        };
        if kept && web::get(Store::Local, keep::LAST_KEY).as_deref() != Some(id) {
            let _ = web::set(Store::Local, keep::LAST_KEY, id);
        }
        let now = if kept { Keeping::Kept } else { Keeping::Failed };
        let before = self.keeping.get_untracked();
        if now != before {
            self.keeping.set(now);
            if now == Keeping::Failed {
                self.status.set(keep::FAILED.into());
            } else if before == Keeping::Failed {
                self.status.set(keep::KEPT_AGAIN.into());
            }
        }
    }
}

/// How the editor knows `org`: its name, else `fallback`.
fn display_name(org: &Organisation, fallback: &str) -> String {
    if org.name.trim().is_empty() {
        fallback.to_string()
    } else {
        org.name.clone()
    }
}

/// Moves a draft kept under the one key all tabs used before to its organisation's.
fn move_legacy_draft() {
    let Some(saved) = web::get(Store::Local, keep::LEGACY_KEY)
        .as_deref()
        .and_then(Saved::from_json)
    else {
        return;
    };
    let id = keep::id_for(&saved.organisation, web::now_ms());
    if web::set(Store::Local, &keep::key(&id), &saved.to_json()) {
        if web::get(Store::Local, keep::LAST_KEY).is_none() {
            let _ = web::set(Store::Local, keep::LAST_KEY, &id);
        }
        web::remove(Store::Local, keep::LEGACY_KEY);
    }
}

/// The page to show first: the first the organisation has, else the mission.
fn first_page(org: &Organisation) -> PageKind {
    org.pages
        .present()
        .first()
        .map_or(PageKind::Missie, |(kind, _)| *kind)
}

/// The studio's state, from context (`Studio::start` provides it).
pub fn studio() -> Studio {
    expect_context()
}
