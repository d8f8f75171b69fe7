/**
 * The lesson name a page address asks for: its fragment without the `#`, percent-decoded.
 * A fragment that is not valid percent-encoding (`#%`) is taken as written, so a mistyped
 * address still opens the page (with the default lesson, as any unknown name does).
 */
export function lessonFromHash(hash: string): string {
  const raw = hash.startsWith("#") ? hash.slice(1) : hash;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
