//! Remembering work done on a text: the article a keystroke did not touch is not
//! parsed, rendered or inlined again.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, PoisonError};

/// Values made from texts, found again by the text (and a `salt` for whatever else
/// they depend on), keeping at most about `capacity` bytes of text; the least
/// recently used go first. Shared between threads: locked only to look up or keep.
#[derive(Debug)]
pub struct TextMemo<V> {
    capacity: usize,
    inner: Mutex<Entries<V>>,
}

#[derive(Debug)]
struct Entries<V> {
    map: HashMap<u64, Entry<V>>,
    bytes: usize,
    clock: u64,
}

#[derive(Debug)]
struct Entry<V> {
    text: Arc<str>,
    salt: u64,
    value: Arc<V>,
    used: u64,
}

impl<V> TextMemo<V> {
    /// A memory for about `capacity` bytes of text.
    pub fn new(capacity: usize) -> Self {
        TextMemo {
            capacity,
            inner: Mutex::new(Entries {
                map: HashMap::new(),
                bytes: 0,
                clock: 0,
            }),
        }
    }

    /// The value kept for `text` and `salt`, or the one `make` makes (then kept).
    /// `make` runs with no lock held, so two threads may both make a value for the
    /// same text; the last one is kept, and both are right.
    pub fn get_or(&self, text: &str, salt: u64, make: impl FnOnce() -> V) -> Arc<V> {
        let key = key(text, salt);
        if let Some(value) = self.get(key, text, salt) {
            return value;
        }
        let value = Arc::new(make());
        self.keep(key, text, salt, Arc::clone(&value));
        value
    }

    /// The value kept for `text` and `salt`, if one is.
    pub fn kept(&self, text: &str, salt: u64) -> Option<Arc<V>> {
        self.get(key(text, salt), text, salt)
    }

    /// Like [`TextMemo::get_or`] for work that may fail: a failure is not kept.
    pub fn try_get_or<E>(
        &self,
        text: &str,
        salt: u64,
        make: impl FnOnce() -> Result<V, E>,
    ) -> Result<Arc<V>, E> {
        let key = key(text, salt);
        if let Some(value) = self.get(key, text, salt) {
            return Ok(value);
        }
        let value = Arc::new(make()?);
        self.keep(key, text, salt, Arc::clone(&value));
        Ok(value)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Entries<V>> {
        // The memory holds finished values only; a panic elsewhere leaves it whole.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn get(&self, key: u64, text: &str, salt: u64) -> Option<Arc<V>> {
        let mut entries = self.lock();
        entries.clock += 1;
        let clock = entries.clock;
        let entry = entries.map.get_mut(&key)?;
        // A hash names a text only if the text is the same.
        if entry.salt != salt || &*entry.text != text {
            return None;
        }
        entry.used = clock;
        Some(Arc::clone(&entry.value))
    }

    fn keep(&self, key: u64, text: &str, salt: u64, value: Arc<V>) {
        if text.len() > self.capacity / 4 {
            return;
        }
        let mut entries = self.lock();
        entries.clock += 1;
        let used = entries.clock;
        if let Some(old) = entries.map.insert(
            key,
            Entry {
                text: Arc::from(text),
                salt,
                value,
                used,
            },
        ) {
            entries.bytes -= old.text.len();
        }
        entries.bytes += text.len();
        if entries.bytes > self.capacity {
            // Forget the older half at once: forgetting stays linear overall.
            let mut ages: Vec<u64> = entries.map.values().map(|entry| entry.used).collect();
            ages.sort_unstable();
            let cutoff = ages[ages.len() / 2];
            entries.map.retain(|_, entry| entry.used > cutoff);
            entries.bytes = entries.map.values().map(|entry| entry.text.len()).sum();
        }
    }
}

/// A hash of `value`, for salts: what else a value kept by text depends on.
pub fn hash_of<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

fn key(text: &str, salt: u64) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    salt.hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_is_made_once_and_forgotten_when_old() {
        let memo = TextMemo::new(100);
        let mut made = 0;
        let a = memo.get_or("abc", 1, || {
            made += 1;
            "ABC".to_owned()
        });
        let again = memo.get_or("abc", 1, || {
            made += 1;
            String::new()
        });
        assert_eq!((made, a.as_str(), again.as_str()), (1, "ABC", "ABC"));
        assert_eq!(
            memo.kept("abc", 1).as_deref().map(String::as_str),
            Some("ABC")
        );
        assert!(memo.kept("abc", 2).is_none());
        let other_salt = memo.get_or("abc", 2, || "other".to_owned());
        assert_eq!(other_salt.as_str(), "other");
        for i in 0..50 {
            memo.get_or(&format!("text {i}"), 0, || i.to_string());
        }
        assert!(memo.lock().bytes <= 100);
        let failed: Result<Arc<String>, &str> = memo.try_get_or("x", 0, || Err("no"));
        assert!(failed.is_err());
        assert_eq!(
            memo.get_or("x", 0, || "made now".to_owned()).as_str(),
            "made now"
        );
    }
}
