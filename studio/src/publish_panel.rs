//! "Publiceren" on a Koers server: the note ("Wat is er veranderd?"), the publish with
//! the draft's base version, and what came of it: live, waiting for a second editor,
//! refused with problems (shown at their fields, as the studio's own), or a conflict
//! (someone else published since: what they changed, the editor's own work kept, and
//! continuing from the new version). Nothing is lost on any failure: the draft stays.

use koers_content::Organisation;
use leptos::prelude::*;

use crate::account::{self, account, Account};
use crate::diff_view::DiffList;
use crate::draft;
use crate::keep;
use crate::server::{self, Conflict, Failure, Published};
use crate::state::{studio, Studio};
use crate::web::{self, Store};

/// The longest note.
pub const MAX_NOTE: usize = 200;

/// The organisation the studio has open from the server, when the editor may publish
/// it: its slug and whether it wants four eyes.
pub fn publishable(studio: Studio, account: Account) -> Option<(String, bool)> {
    studio.base.get()?;
    let slug = studio.org.with(|o| o.slug.clone());
    let session = account.session()?;
    session
        .organisaties
        .iter()
        .find(|o| o.slug == slug)
        .map(|o| (slug, o.vier_ogen))
}

/// A conflict with the versions read: the base, the current one, the editor's own.
#[derive(Clone)]
struct Seen {
    conflict: Conflict,
    base: Option<Organisation>,
    current: Option<Organisation>,
    mine: Organisation,
}

#[component]
pub fn PublishPanel() -> impl IntoView {
    let studio = studio();
    let account = account();
    // Drawn again only when what may be published changes, not at every keystroke.
    let target = Memo::new(move |_| publishable(studio, account));
    let note = RwSignal::new(String::new());
    let note_error = RwSignal::new(String::new());
    let outcome = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let conflict = RwSignal::new(None::<Seen>);
    // The editor's own version, kept at hand (and on the device) after continuing from
    // another's: brought back with the organisation.
    let kept = RwSignal::new(None::<Organisation>);
    Effect::new(move |_| {
        let own = target
            .get()
            .and_then(|(slug, _)| web::get(Store::Local, &keep::own_version_key(&slug)))
            .and_then(|text| serde_json::from_str::<Organisation>(&text).ok());
        kept.set(own);
    });
    let forget_kept = move || {
        if !web::confirm("Je eigen versie vergeten? Download ze eerst als je ze nog nodig hebt.") {
            return;
        }
        if let Some((slug, _)) = target.get_untracked() {
            web::remove(Store::Local, &keep::own_version_key(&slug));
        }
        kept.set(None);
    };
    // Said once, where focus goes (not also in the studio's status line).
    let say = move |text: String| {
        outcome.set(text);
        web::focus_soon("publiceer-uitkomst".into());
    };
    let publish = move |_| {
        if busy.get_untracked() {
            return;
        }
        let Some((slug, _)) = target.get_untracked() else {
            return;
        };
        let text = note.get_untracked().trim().to_string();
        if text.is_empty() {
            note_error.set("Schrijf kort wat er veranderd is.".into());
            web::focus("publiceer-notitie");
            return;
        }
        note_error.set(String::new());
        let local = studio.problems.with_untracked(Vec::len);
        if local > 0 {
            say(format!(
                "Nog niet gepubliceerd: er {} te verbeteren. Je vindt het bovenaan het formulier.",
                if local == 1 {
                    "is nog 1 ding".to_string()
                } else {
                    format!("zijn nog {local} dingen")
                }
            ));
            return;
        }
        let base = studio.base.get_untracked().unwrap_or_default();
        let mine = studio.org.get_untracked();
        let body = serde_json::to_string(&server::Publish {
            basis: &base,
            notitie: &text,
            inhoud: &draft::export(&mine),
        })
        .unwrap_or_default();
        busy.set(true);
        outcome.set("Bezig met publiceren…".into());
        let csrf = account.csrf();
        koers::browser::fetch::spawn(async move {
            let answer = server::post(
                &server::org_path(&slug, "publiceren"),
                body,
                csrf.as_deref(),
            )
            .await;
            let result = match answer {
                None => Err(Failure::Network),
                Some((status, body)) => server::published(status, &body),
            };
            busy.set(false);
            match result {
                Ok(Published::Live(version)) => {
                    studio.base.set(Some(version));
                    studio.unsaved.set(false);
                    note.set(String::new());
                    conflict.set(None);
                    say(
                        "Gepubliceerd. Inwoners zien de nieuwe versie binnen enkele seconden."
                            .into(),
                    );
                }
                Ok(Published::Proposed(_)) => {
                    studio.unsaved.set(false);
                    note.set(String::new());
                    say("Wacht op goedkeuring van een tweede redacteur. Je voorstel staat bij ‘Voorstellen’.".into());
                }
                Err(Failure::Invalid(problems)) => {
                    let message = Failure::Invalid(problems.clone()).message();
                    studio.refused.set(problems);
                    say(message);
                }
                Err(Failure::Conflict(c)) => {
                    let base_version =
                        server::get(&server::org_path(&slug, &format!("versies/{base}")))
                            .await
                            .and_then(|(s, b)| server::answer::<server::Version>(s, &b).ok());
                    let read = |v: &server::Version| {
                        account::organisation_of(&slug, v).map(|o| o.organisation)
                    };
                    let current = read(&server::Version {
                        versie: c.versie.clone(),
                        inhoud: c.inhoud.clone(),
                    });
                    conflict.set(Some(Seen {
                        base: base_version.as_ref().and_then(read),
                        current,
                        mine,
                        conflict: *c,
                    }));
                    say("Niet gepubliceerd: iemand anders publiceerde intussen. Je werk blijft bewaard; bekijk hieronder wat er veranderde.".into());
                }
                Err(failure) => say(format!("Niet gepubliceerd. {}", account.failed(&failure))),
            }
        });
    };
    let continue_from_current = move |_| {
        let Some(seen) = conflict.get_untracked() else {
            return;
        };
        let Some((slug, _)) = target.get_untracked() else {
            return;
        };
        if !web::confirm("Verder werken vanaf de nieuwe versie? Je eigen versie blijft hieronder beschikbaar om te downloaden en over te nemen.") {
            return;
        }
        let own = serde_json::to_string(&seen.mine).unwrap_or_default();
        if !web::set(Store::Local, &keep::own_version_key(&slug), &own)
            && !web::confirm("Je eigen versie kan niet bewaard worden op dit toestel. Download ze eerst (knop ‘Download je eigen versie’). Toch verder?")
        {
            return;
        }
        let version = server::Version {
            versie: seen.conflict.versie.clone(),
            inhoud: seen.conflict.inhoud.clone(),
        };
        if account::open_version(studio, &slug, &version) {
            kept.set(Some(seen.mine.clone()));
            conflict.set(None);
            say("Je werkt nu verder vanaf de nieuwe versie. Neem je eigen wijzigingen over; ze staan hieronder.".into());
        }
    };
    let download_mine = move |org: Organisation| {
        let name = format!("eigen-versie-{}", draft::file_name(&org));
        if koers::browser::download::save_text(&name, "application/json", &draft::export(&org)) {
            studio.status.set(format!("{name} is gedownload."));
        }
    };
    let conflict_view = move || {
        conflict.get().map(|seen| {
        let since = seen.conflict.sindsdien.iter().map(|e| view! {
            <li>{format!("{}, {}: {}", e.auteur, server::when(&e.wanneer), e.notitie)}</li>
        }).collect_view();
        let theirs = match (seen.base.clone(), seen.current.clone()) {
            (Some(base), Some(current)) => view! { <DiffList old=base new=current/> }.into_any(),
            _ => view! { <p>"Wat er veranderde, kon niet gelezen worden."</p> }.into_any(),
        };
        let yours = match seen.base.clone() {
            Some(base) => view! { <DiffList old=base new=seen.mine.clone()/> }.into_any(),
            None => ().into_any(),
        };
        let mine = seen.mine.clone();
        view! {
            <section class="studio-conflict" aria-labelledby="intussen">
                <h3 id="intussen">"Iemand anders publiceerde intussen"</h3>
                <ul>{since}</ul>
                <h4>"Wat die veranderde"</h4>
                {theirs}
                <h4>"Wat jij veranderde"</h4>
                {yours}
                <button type="button" on:click=continue_from_current>"Verder werken vanaf de nieuwe versie"</button>
                <button type="button" on:click=move |_| download_mine(mine.clone())>"Download je eigen versie"</button>
            </section>
        }
    })
    };
    let kept_view = move || {
        kept.get().map(|mine| {
        // Compared once typing pauses, not at every keystroke.
        studio.settled.track();
        let now = studio.org.get_untracked();
        let for_download = mine.clone();
        view! {
            <section class="studio-kept" aria-labelledby="eigen-versie">
                <h3 id="eigen-versie">"Je eigen versie"</h3>
                <p>"Wat jouw versie anders heeft dan wat nu in het formulier staat:"</p>
                <DiffList old=now new=mine/>
                <button type="button" on:click=move |_| download_mine(for_download.clone())>"Download je eigen versie"</button>
                <button type="button" on:click=move |_| forget_kept()>"Je eigen versie vergeten"</button>
            </section>
        }
    })
    };
    move || {
        target.get().map(|(_, four_eyes)| view! {
        <section class="studio-publish" aria-labelledby="publiceren">
            <h2 id="publiceren">"Publiceren"</h2>
            {four_eyes.then(|| view! {
                <p>"Bij dit bestuur keurt een tweede redacteur elke wijziging goed voor ze online komt."</p>
            })}
            <div class="field">
                <label for="publiceer-notitie">"Wat is er veranderd?"</label>
                <p id="publiceer-notitie-uitleg" class="field-hint">"Kort, in een zin. Het komt in de geschiedenis, met je naam."</p>
                <textarea id="publiceer-notitie" rows="2" required=true maxlength=MAX_NOTE
                    aria-describedby="publiceer-notitie-uitleg publiceer-notitie-fout"
                    aria-invalid=move || (!note_error.get().is_empty()).then_some("true")
                    prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev))></textarea>
                <div id="publiceer-notitie-fout" class="field-error">
                    {move || note_error.with(|e| (!e.is_empty()).then(|| view! { <p>{e.clone()}</p> }))}
                </div>
            </div>
            <button type="button" on:click=publish
                aria-disabled=move || busy.get().then_some("true")>"Publiceren"</button>
            <p id="publiceer-uitkomst" tabindex="-1" role="status">{move || outcome.get()}</p>
            {conflict_view}
            {kept_view}
        </section>
    })
    }
}
