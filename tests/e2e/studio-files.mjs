// Made-up content files at and over the studio's limits, for the studio's end-to-end
// tests and its benchmark (`cargo xtask bench studio`). The limits are those of
// studio/src/draft.rs and content/src (the tests check the studio keeps them).

export const LIMITS = {
  /// content::MAX_FILE_BYTES
  fileBytes: 256 * 1024,
  /// content::MAX_PAGE_BLOCKS
  pageBlocks: 100,
  /// content::MAX_PAGE_ITEMS
  pageItems: 300,
  /// draft::MAX_FIELD_LENGTH (the fields' `maxlength`)
  fieldLength: 10000,
  /// content::MAX_TEXT_CHARS (a content rule)
  textChars: 4000,
};

export const SLUG = 'proefstad';
const PAGES = ['missie', 'visie', 'ambities', 'contact'];

function organisation(pages) {
  return {
    slug: SLUG,
    name: 'Gemeente Proefstad',
    short_name: 'Proefstad',
    accent: '#1f4e79',
    description: 'Een verzonnen gemeente om de grenzen van de redactie te testen.',
    pages,
  };
}

const sentence = 'Proefstad werkt samen met haar inwoners aan een buurt waar het goed leven is. ';
const text = (length) => sentence.repeat(Math.ceil(length / sentence.length) + 1).slice(0, length).trim() || 'Tekst.';

/// A file exactly at the limits: four pages of `pageBlocks` blocks (paragraphs, and
/// one list of `pageItems` items), its paragraphs as long as the file's size allows,
/// padded with white space to exactly `fileBytes` bytes. With `firstText`, the first
/// paragraph of the mission has that many characters.
export function fileAtLimits({ firstText } = {}) {
  const build = (length) => {
    const page = (kind) => ({
      title: `Titel ${kind}`,
      description: `De pagina ${kind} van Proefstad.`,
      blocks: [
        ...Array.from({ length: LIMITS.pageBlocks - 1 }, (_, i) => ({
          type: 'paragraph',
          text: kind === 'missie' && i === 0 && firstText ? text(firstText) : `${i + 1}. ${text(length)}`,
        })),
        { type: 'list', items: Array.from({ length: LIMITS.pageItems }, (_, i) => `Item ${i + 1}`) },
      ],
    });
    return JSON.stringify(organisation(Object.fromEntries(PAGES.map((k) => [k, page(k)]))), null, 2) + '\n';
  };
  let length = 0;
  while (Buffer.byteLength(build(length + 10)) <= LIMITS.fileBytes) length += 10;
  const json = build(length);
  return Buffer.concat([Buffer.from(json), Buffer.alloc(LIMITS.fileBytes - Buffer.byteLength(json), ' ')]);
}

/// A valid file whose mission page has `blocks` paragraphs of `textLength` characters.
export function fileOfBlocks(blocks, textLength = 20) {
  const page = {
    title: 'Onze missie',
    description: 'Waar Proefstad voor staat.',
    blocks: Array.from({ length: blocks }, () => ({ type: 'paragraph', text: text(textLength) })),
  };
  return Buffer.from(JSON.stringify(organisation({ missie: page }), null, 2) + '\n');
}

/// A file as a file input gets it.
export const asFile = (buffer, name = `${SLUG}.json`) => ({ name, mimeType: 'application/json', buffer });

/// Waits until the studio has caught up with what was typed: the check and the preview
/// follow the form once typing pauses, and say so with `aria-busy` meanwhile.
export const settled = (page) =>
  page.waitForFunction(() => document.querySelector('[aria-busy="true"]') === null, null, { polling: 'raf' });
