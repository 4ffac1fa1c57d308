//! The studio's screen: where to start, the form, the check's summary, the preview and
//! the export. Its state is one organisation in a signal; every change is checked
//! as `cargo xtask check-content` checks a file, and kept on the device.

use koers::content::{Organisation, PageKind, Problems};
use leptos::prelude::*;

use crate::draft::{self, Opened};
use crate::form::OrganisationForm;
use crate::preview::Preview;
use crate::start::Start;
use crate::summary::{ExportPanel, Summary};
use crate::web;

/// Where the studio keeps the work on the device, as it is typed.
pub const STORAGE_KEY: &str = "koers-redactie";

/// What the whole screen shares.
#[derive(Clone, Copy)]
pub struct Studio {
    /// The organisation being edited.
    pub org: RwSignal<Organisation>,
    /// What the checks find in it, as the editor types.
    pub problems: Memo<Problems>,
    /// The problems of the file last opened, with line and column (cleared by the
    /// next edit that fixes them: they are the file's, not the form's).
    pub opened: RwSignal<Option<(String, Problems)>>,
    /// The page being edited and previewed.
    pub page: RwSignal<PageKind>,
    /// Changes since the last download: leaving then asks first.
    pub unsaved: RwSignal<bool>,
    /// A short message for screen readers and sighted editors alike.
    pub status: RwSignal<String>,
}

impl Studio {
    /// Changes the organisation (the form's fields call this).
    pub fn edit(&self, change: impl FnOnce(&mut Organisation)) {
        self.org.update(change);
        self.unsaved.set(true);
    }

    /// Starts over with `org` (new, from the build, or from a file).
    pub fn load(&self, opened: Opened, from: String) {
        let problems = opened.problems;
        let count = problems.len();
        self.org.set(opened.organisation);
        self.unsaved.set(false);
        self.page.set(first_page(&self.org.get_untracked()));
        self.status.set(match count {
            0 => format!("{from} is geopend."),
            1 => format!("{from} is geopend, met 1 fout."),
            n => format!("{from} is geopend, met {n} fouten."),
        });
        self.opened.set((count > 0).then_some((from, problems)));
    }
}

/// The page to show first: the first the organisation has, else the mission.
fn first_page(org: &Organisation) -> PageKind {
    org.pages
        .present()
        .first()
        .map_or(PageKind::Missie, |(kind, _)| *kind)
}

#[component]
pub fn App() -> impl IntoView {
    let restored =
        web::storage_get(STORAGE_KEY).and_then(|text| serde_json::from_str::<Saved>(&text).ok());
    let org = RwSignal::new(
        restored
            .as_ref()
            .map_or_else(draft::empty, |s| s.organisation.clone()),
    );
    let studio = Studio {
        org,
        problems: Memo::new(move |_| org.with(draft::check)),
        opened: RwSignal::new(None),
        page: RwSignal::new(org.with_untracked(first_page)),
        unsaved: RwSignal::new(restored.as_ref().is_some_and(|s| s.unsaved)),
        status: RwSignal::new(if restored.is_some() {
            "Je werk van de vorige keer is teruggezet.".into()
        } else {
            String::new()
        }),
    };
    provide_context(studio);
    // Kept on the device as it is typed: a reload or a closed tab loses nothing.
    Effect::new(move |_| {
        let saved = Saved {
            organisation: org.get(),
            unsaved: studio.unsaved.get(),
        };
        web::storage_set(STORAGE_KEY, &saved.to_json());
    });
    web::ask_before_leaving(move || studio.unsaved.get_untracked());
    web::register_worker();
    let show_preview = RwSignal::new(false);
    view! {
        <koers::components::SkipLink/>
        <header class="site-header">
            <div class="wrap"><span class="brand">"Koers — redactie"</span></div>
        </header>
        <main id=koers::routes::MAIN_ID tabindex="-1" class="studio">
            <h1>"Je bestuur in Koers zetten"</h1>
            <p class="studio-intro">
                "Vul de formulieren in. Het voorbeeld toont de pagina zoals inwoners ze zien. "
                "Je werk blijft bewaard op dit toestel, ook als je de pagina sluit. "
                "Klaar? Download het bestand en bezorg het aan wie jullie Koers beheert."
            </p>
            <p class="studio-status" role="status">{move || studio.status.get()}</p>
            <Start/>
            <div class="studio-switch">
                // Its label says what a press shows (no `aria-pressed` besides: that
                // would read "Toon het formulier, ingedrukt").
                <button
                    type="button"
                    on:click=move |_| show_preview.update(|s| *s = !*s)
                >
                    {move || if show_preview.get() { "Toon het formulier" } else { "Toon het voorbeeld" }}
                </button>
            </div>
            <div class="studio-work" class:showing-preview=move || show_preview.get()>
                <div class="studio-form">
                    <Summary/>
                    <OrganisationForm/>
                    <ExportPanel/>
                </div>
                <Preview/>
            </div>
        </main>
    }
}

/// What is kept on the device.
#[derive(serde::Serialize, serde::Deserialize)]
struct Saved {
    organisation: Organisation,
    unsaved: bool,
}

impl Saved {
    fn to_json(&self) -> String {
        serde_json::to_string(self).expect("the draft serialises")
    }
}
