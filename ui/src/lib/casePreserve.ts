// Replacing a word as a careful editor would: "Storms" becomes "Cyclones" when she
// replaces storms with cyclones, "STORMS" becomes "CYCLONES", "storms" "cyclones".

function hasLetters(text: string): boolean {
  return /\p{L}/u.test(text);
}

function isUpper(text: string): boolean {
  return hasLetters(text) && text === text.toUpperCase() && text !== text.toLowerCase();
}

function isCapitalised(word: string): boolean {
  const first = word.charAt(0);
  return first !== first.toLowerCase() && word.slice(1) === word.slice(1).toLowerCase();
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** `replacement` in the case of `matched`, when `matched` has a plain one. */
export function preserveCase(matched: string, replacement: string): string {
  if (!hasLetters(matched)) return replacement;
  // One letter ("A") says nothing about whether the rest is capitals.
  if (isUpper(matched) && matched.replace(/[^\p{L}]/gu, '').length > 1) return replacement.toUpperCase();
  if (matched === matched.toLowerCase()) return replacement;
  const words = matched.split(/\s+/).filter(hasLetters);
  if (words.length > 1 && words.every(isCapitalised)) {
    return replacement.replace(/\p{L}[\p{L}\p{N}'’-]*/gu, capitalise);
  }
  if (isCapitalised(words[0] ?? '')) return capitalise(replacement);
  return replacement;
}
