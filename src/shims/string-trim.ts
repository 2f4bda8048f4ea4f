/**
 * What mimetext's browser build asks `@babel/runtime-corejs3` for when it trims a string: the
 * string's own `trim` (mimetext calls `trim(text).call(text)`). The build aliases that import
 * here (wrangler.toml, `[alias]`) because the polyfill drags in 125 KiB of core-js that workerd,
 * which has `String.prototype.trim`, never needs.
 */
export default function instanceTrim(text: string): () => string {
  return text.trim;
}
