//! What the command line prints, and how it says what went wrong.
//!
//! Everything goes through here, for two reasons: text from a newsroom (titles,
//! source names) reaches a terminal with its control characters shown, never obeyed
//! (an escape sequence in a title must not rewrite the screen), and a closed stdout
//! (`newsflash issues list | head`) ends the command quietly instead of panicking.

use std::io::Write;

use newsflash_core::{Error, for_terminal};

/// Prints a line on stdout (control characters shown as escapes).
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::say::line(&format!($($arg)*))
    };
}

/// Prints a line on stderr (control characters shown as escapes).
macro_rules! note {
    ($($arg:tt)*) => {
        $crate::say::note_line(&format!($($arg)*))
    };
}

pub(crate) use {note, out};

/// Writes `text` and a line break to stdout; ends the process quietly when stdout
/// has been closed by the reader.
pub(crate) fn line(text: &str) {
    text_out(&format!("{text}\n"));
}

/// Writes `text` as it is (no line break) to stdout, as [`line`] does.
pub(crate) fn text_out(text: &str) {
    let mut stdout = std::io::stdout().lock();
    if let Err(error) = stdout
        .write_all(for_terminal(text).as_bytes())
        .and_then(|()| stdout.flush())
        && error.kind() == std::io::ErrorKind::BrokenPipe
    {
        // The reader has what it wanted (`| head`): nothing more to say.
        std::process::exit(0);
    }
}

/// Writes `text` and a line break to stderr.
pub(crate) fn note_line(text: &str) {
    // Nothing sensible can be done when stderr itself is gone.
    let _ = writeln!(std::io::stderr().lock(), "{}", for_terminal(text));
}

/// The sentence for an error, with how to fix it on the command line when there is
/// a command for that.
pub(crate) fn describe(error: &Error) -> String {
    let sentence = error.to_string();
    match hint(error) {
        Some(hint) => format!("{sentence} {hint}"),
        None => sentence,
    }
}

/// How to fix `error` with the command line, as one sentence.
fn hint(error: &Error) -> Option<String> {
    Some(match error {
        Error::PreflightFailed { number, .. } => format!(
            "`newsflash check {number}` lists them; fix them, or export anyway with --force."
        ),
        Error::StatusNeedsCleanPreflight { number, .. } => {
            format!("`newsflash check {number}` lists what to fix.")
        }
        Error::ReasonRequired { .. } => "Give one with --reason.".to_owned(),
        Error::IssuePublished { number } => format!(
            "Reopen it with `newsflash issues status {number} draft --reason \"what is corrected\"`."
        ),
        Error::SenderMissing { .. } => {
            "Set it with `newsflash settings set senderEmail editors@example.org`.".to_owned()
        }
        Error::WebAddressMissing { .. } => {
            "Set it with `newsflash settings set webBaseUrl https://example.org/newsflash/`."
                .to_owned()
        }
        Error::PhotoNotInLibrary { key, .. } | Error::PhotoNotFound { key } => format!(
            "Add it with `newsflash photos add FILE --key {key} --creator NAME --licence ID`, or fix the key."
        ),
        Error::SourceNotFound { key } => {
            format!("Add it with `newsflash sources add {key} NAME`, or fix the key.")
        }
        Error::SourceKeyTaken { .. } | Error::PhotoKeyTaken { .. } => {
            "Choose another key.".to_owned()
        }
        Error::IssueNumberTaken { .. } => {
            "Choose another number (`newsflash issues list` shows the ones in use).".to_owned()
        }
        Error::RevisionOfAnotherIssue { number, .. } => {
            format!("`newsflash revisions list {number}` lists that issue's revisions.")
        }
        Error::RevisionNotFound { .. } => {
            "`newsflash revisions list NUMBER` lists an issue's revisions.".to_owned()
        }
        Error::NewsroomBusy { .. } => "Run the command again in a moment.".to_owned(),
        Error::NoDataFolder => {
            "Choose a newsroom file with --newsroom PATH or NEWSFLASH_NEWSROOM.".to_owned()
        }
        Error::UnknownSetting { .. } => "`newsflash settings show` lists them.".to_owned(),
        Error::SmtpHostMissing => "Set it with `newsflash settings set smtpHost smtp.example.org` (and smtpUser, smtpSecurity, smtpPort if need be).".to_owned(),
        Error::TestRecipientMissing => "Give one with --to ADDRESS, or set it with `newsflash settings set testRecipient you@example.org`.".to_owned(),
        Error::SmtpPasswordMissing { .. } => format!(
            "Put it in the environment variable {}.",
            crate::send_test::SMTP_PASSWORD_ENV
        ),
        Error::SmtpLoginRefused { .. } => format!(
            "Check the password in {} and the user (`newsflash settings set smtpUser NAME`).",
            crate::send_test::SMTP_PASSWORD_ENV
        ),
        Error::SmtpUnreachable { .. } => "Check the host and port (`newsflash settings show`; `newsflash settings set smtpHost …` or `smtpPort …` changes them).".to_owned(),
        Error::SmtpTls { .. } => "`newsflash settings set smtpSecurity tls` is for port 465, `starttls` for 587.".to_owned(),
        Error::SmtpNoStarttls { .. } => "If the server takes encrypted connections on port 465, `newsflash settings set smtpSecurity tls` uses them.".to_owned(),
        Error::SmtpSenderRejected { .. } => "Set a sender this server may send as with `newsflash settings set senderEmail ADDRESS`.".to_owned(),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_say_which_command_fixes_them() {
        let message = describe(&Error::SenderMissing {
            sender: String::new(),
        });
        assert_eq!(
            message,
            "The .eml needs the sender's email address, but the settings have none. Set it with `newsflash settings set senderEmail editors@example.org`."
        );
        let plain = describe(&Error::IssueNotFound { number: 3 });
        assert_eq!(plain, "There is no issue 3 in this newsroom.");
    }
}
