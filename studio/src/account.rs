//! The studio on a Koers server (`Account`, shared through context): whether there is
//! one (`GET api/sessie`: 401 a server, 200 signed in, anything else none: the studio
//! works statically, exactly as without a server), the editor's session, signing in
//! with a passkey, registering one with an invite (`?uitnodiging=<token>`), signing out.
//! Imports no part of the screen.

use leptos::prelude::*;
use serde::Deserialize;

use crate::draft::{self, Opened};
use crate::passkey::{self, Ceremony};
use crate::server::{self, Failure, Mode, Session};
use crate::state::Studio;
use crate::web;

#[derive(Clone, Copy)]
pub struct Account {
    pub mode: RwSignal<Mode>,
    /// The invite this page was opened with, until it is used.
    pub invite: RwSignal<Option<String>>,
    /// The last thing said about signing in (an error, a welcome).
    pub message: RwSignal<String>,
    /// A ceremony or request is under way: the buttons wait.
    pub busy: RwSignal<bool>,
}

/// The invite token in a query string (`?uitnodiging=<token>`).
pub fn invite_in(query: &str) -> Option<String> {
    query
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("uitnodiging="))
        .filter(|token| {
            !token.is_empty()
                && token
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
        .map(str::to_string)
}

/// What the studio says when an invite is refused (`status`).
pub fn invite_refused(status: u16, melding: &str) -> String {
    match status {
        410 => "Deze uitnodiging is al gebruikt of verlopen. Vraag een nieuwe aan wie jullie \
                Koers beheert."
            .into(),
        404 => "Deze uitnodiging kennen we niet. Kijk na of je de hele link gebruikte.".into(),
        429 => "Te veel pogingen na elkaar. Wacht een minuut en probeer het opnieuw.".into(),
        _ if !melding.trim().is_empty() => melding.to_string(),
        _ => format!("Dat lukte niet (fout {status}). Probeer het opnieuw."),
    }
}

impl Account {
    /// Asks whether the studio runs on a Koers server, and provides the account.
    pub fn start() -> Account {
        let account = Account {
            mode: RwSignal::new(Mode::Asking),
            invite: RwSignal::new(invite_in(&koers::browser::location::query())),
            message: RwSignal::new(String::new()),
            busy: RwSignal::new(false),
        };
        provide_context(account);
        koers::browser::fetch::spawn(async move {
            let answer = server::get("sessie").await;
            account
                .mode
                .set(server::mode(answer.as_ref().map(|(s, b)| (*s, b.as_str()))));
        });
        account
    }

    /// The signed-in editor's session.
    pub fn session(&self) -> Option<Session> {
        self.mode.with(|m| match m {
            Mode::SignedIn(s) => Some(s.clone()),
            _ => None,
        })
    }

    /// The CSRF token of the session, for a POST.
    pub fn csrf(&self) -> Option<String> {
        self.mode.with_untracked(|m| match m {
            Mode::SignedIn(s) => Some(s.csrf.clone()),
            _ => None,
        })
    }

    /// What to say of `failure`; when a request found the session gone, the studio
    /// also asks to sign in again (the draft stays).
    pub fn failed(&self, failure: &Failure) -> String {
        if *failure == Failure::SignedOut {
            self.mode.set(Mode::SignedOut);
            self.message.set(failure.message());
        }
        failure.message()
    }

    /// Signs in with a passkey (`api/aanmelden/begin`, the browser, `…/einde`).
    pub fn sign_in(self) {
        self.ceremony("aanmelden", Ceremony::Get, serde_json::json!({}));
    }

    /// Makes a passkey with the invite (`api/registreren/begin`, the browser, `…/einde`).
    pub fn register(self) {
        let Some(token) = self.invite.get_untracked() else {
            return;
        };
        self.ceremony(
            "registreren",
            Ceremony::Create,
            serde_json::json!({ "uitnodiging": token }),
        );
    }

    fn ceremony(self, what: &'static str, ceremony: Ceremony, begin: serde_json::Value) {
        if self.busy.get_untracked() {
            return;
        }
        self.busy.set(true);
        self.message.set(match ceremony {
            Ceremony::Create => "Je browser vraagt nu om een passkey te maken.".into(),
            Ceremony::Get => "Je browser vraagt nu om je passkey.".into(),
        });
        koers::browser::fetch::spawn(async move {
            let said = self.ceremony_steps(what, ceremony, begin).await;
            self.busy.set(false);
            match said {
                Ok(session) => {
                    let welcome = match ceremony {
                        Ceremony::Create => format!(
                            "Welkom, {}. Je passkey is gemaakt en je bent aangemeld.",
                            session.naam
                        ),
                        Ceremony::Get => format!("Je bent aangemeld als {}.", session.naam),
                    };
                    if ceremony == Ceremony::Create {
                        self.invite.set(None);
                        web::forget_query();
                    }
                    self.mode.set(Mode::SignedIn(session));
                    self.message.set(welcome);
                    web::focus_soon("aanmelding".into());
                }
                Err(message) => self.message.set(message),
            }
        });
    }

    async fn ceremony_steps(
        self,
        what: &str,
        ceremony: Ceremony,
        begin: serde_json::Value,
    ) -> Result<Session, String> {
        #[derive(Deserialize)]
        struct Begun {
            opties: serde_json::Value,
        }
        let refused = |status: u16, body: &str| {
            let melding = serde_json::from_str::<serde_json::Value>(body)
                .ok()
                .and_then(|v| {
                    v.get("melding")
                        .and_then(|m| m.as_str())
                        .map(str::to_string)
                })
                .unwrap_or_default();
            invite_refused(status, &melding)
        };
        let (status, body) = server::post(&format!("{what}/begin"), begin.to_string(), None)
            .await
            .ok_or_else(|| Failure::Network.message())?;
        if status != 200 {
            return Err(refused(status, &body));
        }
        let begun: Begun = serde_json::from_str(&body).map_err(|_| refused(500, ""))?;
        let key = passkey::run(ceremony, &begun.opties).await?;
        let mut end = serde_json::json!({ "sleutel": key });
        if let Some(token) = self
            .invite
            .get_untracked()
            .filter(|_| ceremony == Ceremony::Create)
        {
            end["uitnodiging"] = token.into();
        }
        let (status, body) = server::post(&format!("{what}/einde"), end.to_string(), None)
            .await
            .ok_or_else(|| Failure::Network.message())?;
        if status != 200 {
            return Err(match status {
                401 | 403 => "Deze passkey kennen we niet (meer). Gebruik een andere, of vraag \
                              een nieuwe uitnodiging."
                    .into(),
                _ => refused(status, &body),
            });
        }
        server::answer::<Session>(status, &body).map_err(|f| f.message())
    }

    /// Signs out (`POST api/afmelden`); the draft stays on the device.
    pub fn sign_out(self) {
        let csrf = self.csrf();
        koers::browser::fetch::spawn(async move {
            match server::post("afmelden", "{}".into(), csrf.as_deref()).await {
                Some((status, _)) if status < 300 || status == 401 => {
                    self.mode.set(Mode::SignedOut);
                    self.message
                        .set("Je bent afgemeld. Je werk blijft bewaard op dit toestel.".into());
                    web::focus_soon("aanmelding".into());
                }
                Some((status, body)) => self.message.set(
                    server::answer::<serde_json::Value>(status, &body)
                        .err()
                        .map(|f| f.message())
                        .unwrap_or_default(),
                ),
                None => self.message.set(Failure::Network.message()),
            }
        });
    }
}

/// The organisation of a server's version, read as a file is (`None` when it does not
/// read at all).
pub fn organisation_of(slug: &str, version: &server::Version) -> Option<Opened> {
    draft::open(&format!("{slug}.json"), version.inhoud.as_bytes()).ok()
}

/// Opens `version` of organisation `slug` in the studio, as the draft's base.
pub fn open_version(studio: Studio, slug: &str, version: &server::Version) -> bool {
    let Some(opened) = organisation_of(slug, version) else {
        studio
            .status
            .set(format!("{slug}.json van de server las niet goed."));
        return false;
    };
    let name = if opened.organisation.name.trim().is_empty() {
        format!("{slug}.json")
    } else {
        opened.organisation.name.clone()
    };
    studio.load_version(opened, name, Some(version.versie.clone()));
    true
}

/// The account, from context (`Account::start` provides it).
pub fn account() -> Account {
    expect_context()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invite_is_read_from_the_address() {
        assert_eq!(
            invite_in("?uitnodiging=abc-DEF_123"),
            Some("abc-DEF_123".into())
        );
        assert_eq!(invite_in("?x=1&uitnodiging=abc"), Some("abc".into()));
        assert_eq!(invite_in(""), None);
        assert_eq!(invite_in("?uitnodiging="), None);
        assert_eq!(invite_in("?uitnodiging=a%20b"), None);
    }

    #[test]
    fn a_refused_invite_is_said_plainly() {
        assert!(invite_refused(410, "").contains("al gebruikt of verlopen"));
        assert!(invite_refused(404, "").contains("kennen we niet"));
        assert_eq!(invite_refused(400, "Zo niet."), "Zo niet.");
        assert!(invite_refused(500, "").contains("fout 500"));
    }
}
