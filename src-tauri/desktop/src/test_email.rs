//! Test emails from the app: the password she types, or the one she asked the app
//! to remember, kept in the system's keychain (macOS Keychain, Windows Credential
//! Manager, the Secret Service on Linux) and never in the newsroom file.
//!
//! A machine without a keychain (Linux with no Secret Service on D-Bus, as on CI)
//! is a sentence, never a crash: nothing is remembered, and she is asked for the
//! password each time.

use newsflash_core::{Error, ErrorCode, ErrorReport, Newsroom, TestEmailSent, send_test_email};
use time::OffsetDateTime;

use crate::state::CommandResult;

/// The name passwords are kept under in the keychain.
const SERVICE: &str = "Newsflash Studio SMTP";

/// Where remembered passwords are kept.
pub trait PasswordStore {
    /// The password kept for `account`, if there is one.
    fn get(&self, account: &str) -> Result<Option<String>, String>;
    /// Keeps `password` for `account`.
    fn set(&self, account: &str, password: &str) -> Result<(), String>;
    /// Forgets the password of `account` (nothing when there is none).
    fn forget(&self, account: &str) -> Result<(), String>;
}

/// The system's keychain, through the keyring crate.
#[derive(Debug)]
pub struct Keychain;

impl Keychain {
    fn entry(account: &str) -> Result<keyring::Entry, String> {
        keyring::Entry::new(SERVICE, account).map_err(|error| keychain_problem(&error))
    }
}

impl PasswordStore for Keychain {
    fn get(&self, account: &str) -> Result<Option<String>, String> {
        match Keychain::entry(account)?.get_password() {
            Ok(password) => Ok(Some(password)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(error) => Err(keychain_problem(&error)),
        }
    }

    fn set(&self, account: &str, password: &str) -> Result<(), String> {
        Keychain::entry(account)?
            .set_password(password)
            .map_err(|error| keychain_problem(&error))
    }

    fn forget(&self, account: &str) -> Result<(), String> {
        match Keychain::entry(account)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(error) => Err(keychain_problem(&error)),
        }
    }
}

/// What went wrong with the keychain, in a few words.
fn keychain_problem(error: &keyring::Error) -> String {
    match error {
        keyring::Error::NoDefaultStore | keyring::Error::NoStorageAccess(_) => {
            "there is no system keychain to keep it in".to_owned()
        }
        keyring::Error::PlatformFailure(cause) => format!("the system keychain failed: {cause}"),
        other => format!("the system keychain refused it: {other}"),
    }
}

/// The keychain account of the mail server's login: `user@host:port`, so that two
/// servers (or two logins) keep two passwords.
pub fn account(newsroom: &Newsroom) -> Option<String> {
    let publication = newsroom.settings().publication();
    let user = publication.smtp_user.trim();
    let host = publication.smtp_host.trim();
    (!user.is_empty() && !host.is_empty())
        .then(|| format!("{user}@{host}:{}", publication.smtp_port_or_usual()))
}

/// Sends issue `number` as a test email to `to` (empty: the testRecipient setting),
/// with the password she typed (kept in `store` when she asks to `remember` it)
/// or else the one kept.
pub fn send(
    newsroom: &Newsroom,
    store: &dyn PasswordStore,
    number: u32,
    to: &str,
    typed: Option<String>,
    remember: bool,
    now: OffsetDateTime,
) -> CommandResult<TestEmailSent> {
    let to = Some(to).filter(|to| !to.trim().is_empty());
    with_password(
        store,
        account(newsroom).as_deref(),
        typed,
        remember,
        |password| send_test_email(newsroom, number, to, password, now),
    )
}

/// Runs `send` with the password to log in with: the one typed (kept first when
/// she asks, so that a keychain that cannot keep it is said before anything goes
/// out), else the one kept for `account`. A kept password the server refuses is
/// forgotten, so that she is asked for the right one instead of failing again.
pub fn with_password<T>(
    store: &dyn PasswordStore,
    account: Option<&str>,
    typed: Option<String>,
    remember: bool,
    send: impl FnOnce(Option<&str>) -> Result<T, Error>,
) -> CommandResult<T> {
    let typed = typed.filter(|password| !password.is_empty());
    let Some(account) = account else {
        // No login: no password to give or keep.
        return send(typed.as_deref()).map_err(ErrorReport::from);
    };
    if let Some(password) = typed {
        if remember {
            store.set(account, &password).map_err(|problem| ErrorReport {
                code: ErrorCode::KeychainUnavailable,
                message: format!(
                    "The password could not be remembered ({problem}), so nothing was sent; send it without remembering the password."
                ),
                subject: Some("smtpUser".to_owned()),
            })?;
        }
        return send(Some(&password)).map_err(ErrorReport::from);
    }
    // No keychain here is the same as no password kept: the core then asks for one.
    let kept = store.get(account).unwrap_or_else(|problem| {
        tracing::warn!("no remembered SMTP password: {problem}");
        None
    });
    let result = send(kept.as_deref());
    if kept.is_some()
        && let Err(error) = &result
        && error.code() == ErrorCode::LoginRefused
        && let Err(problem) = store.forget(account)
    {
        tracing::warn!("the refused SMTP password could not be forgotten: {problem}");
    }
    result.map_err(ErrorReport::from)
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::collections::HashMap;

    use super::*;

    /// A keychain in memory, or none at all.
    #[derive(Default)]
    struct Memory {
        kept: RefCell<HashMap<String, String>>,
        missing: bool,
    }

    impl PasswordStore for Memory {
        fn get(&self, account: &str) -> Result<Option<String>, String> {
            if self.missing {
                return Err("there is no system keychain to keep it in".into());
            }
            Ok(self.kept.borrow().get(account).cloned())
        }
        fn set(&self, account: &str, password: &str) -> Result<(), String> {
            if self.missing {
                return Err("there is no system keychain to keep it in".into());
            }
            self.kept
                .borrow_mut()
                .insert(account.to_owned(), password.to_owned());
            Ok(())
        }
        fn forget(&self, account: &str) -> Result<(), String> {
            self.kept.borrow_mut().remove(account);
            Ok(())
        }
    }

    const ACCOUNT: Option<&str> = Some("anna@smtp.example.org:587");

    fn refused() -> Error {
        Error::SmtpLoginRefused {
            host: "smtp.example.org".into(),
            user: "anna".into(),
            reply: "535 no".into(),
        }
    }

    #[test]
    fn a_typed_password_is_used_and_kept_only_when_asked() {
        let store = Memory::default();
        let used = with_password(&store, ACCOUNT, Some("s3cret".into()), false, |p| {
            Ok(p.map(str::to_owned))
        });
        assert_eq!(used, Ok(Some("s3cret".to_owned())));
        assert!(store.kept.borrow().is_empty());
        with_password(&store, ACCOUNT, Some("s3cret".into()), true, |_| Ok(())).unwrap();
        assert_eq!(store.get(ACCOUNT.unwrap()), Ok(Some("s3cret".to_owned())));
        // Next time she types nothing: the kept one logs in.
        let used = with_password(&store, ACCOUNT, None, false, |p| Ok(p.map(str::to_owned)));
        assert_eq!(used, Ok(Some("s3cret".to_owned())));
    }

    #[test]
    fn a_refused_kept_password_is_forgotten() {
        let store = Memory::default();
        store.set(ACCOUNT.unwrap(), "old").unwrap();
        let error =
            with_password(&store, ACCOUNT, None, false, |_| Err::<(), _>(refused())).unwrap_err();
        assert_eq!(error.code, ErrorCode::LoginRefused);
        assert_eq!(store.get(ACCOUNT.unwrap()), Ok(None));
        // A typed password that is refused leaves a kept one alone.
        store.set(ACCOUNT.unwrap(), "kept").unwrap();
        let _ = with_password(&store, ACCOUNT, Some("typo".into()), false, |_| {
            Err::<(), _>(refused())
        });
        assert_eq!(store.get(ACCOUNT.unwrap()), Ok(Some("kept".to_owned())));
    }

    #[test]
    fn no_keychain_is_a_sentence_and_nothing_is_sent() {
        let store = Memory {
            missing: true,
            ..Memory::default()
        };
        let mut sent = false;
        let error = with_password(&store, ACCOUNT, Some("s3cret".into()), true, |_| {
            sent = true;
            Ok(())
        })
        .unwrap_err();
        assert!(!sent);
        assert_eq!(error.code, ErrorCode::KeychainUnavailable);
        assert_eq!(
            error.message,
            "The password could not be remembered (there is no system keychain to keep it in), so nothing was sent; send it without remembering the password."
        );
        // Without remembering, it goes; with nothing typed, the core asks for one.
        assert_eq!(
            with_password(&store, ACCOUNT, Some("s3cret".into()), false, |p| Ok(
                p.map(str::to_owned)
            )),
            Ok(Some("s3cret".to_owned()))
        );
        let asked = with_password(&store, ACCOUNT, None, false, |p| {
            p.map(|_| ()).ok_or(Error::SmtpPasswordMissing {
                host: "smtp.example.org".into(),
                user: "anna".into(),
            })
        })
        .unwrap_err();
        assert_eq!(asked.code, ErrorCode::PasswordRequired);
    }

    #[test]
    fn without_a_login_no_keychain_is_touched() {
        let store = Memory {
            missing: true,
            ..Memory::default()
        };
        assert_eq!(
            with_password(&store, None, None, true, |p| Ok(p.is_none())),
            Ok(true)
        );
    }

    #[test]
    fn keychain_errors_read_as_a_few_words() {
        assert_eq!(
            keychain_problem(&keyring::Error::NoDefaultStore),
            "there is no system keychain to keep it in"
        );
    }
}
