/** The pools the document generators draw from: names, pieces of text, keywords, and the text clean-ups that keep a drawn piece valid. */
import type { ArrowKind, FragmentKind } from '../../server/src/core/index';
import { documentMetaKeys, formatName, isIdentifier, sequenceMetaKeys } from '../../server/src/core/index';

// Name rules are core's: a form may stand bare where `formatName` leaves it bare; metadata keys
// (`purpose: …`) are quoted too as the first word of a line.
const META_KEYS = new Set<string>([...documentMetaKeys, ...sequenceMetaKeys]);
export const isKeyword = (f: string): boolean => (isIdentifier(f) && formatName(f) !== f) || META_KEYS.has(f);

/** Names a participant may have: ASCII, Unicode scripts (LTR and RTL), decomposed forms, keywords, names that need quotes. */
export const NAME_POOL: readonly string[] = [
  'User',
  'Frontend',
  'Auth',
  'DB',
  'A',
  'B',
  'C',
  'x',
  'xena',
  'svc.v2',
  'user_db',
  '_hidden',
  'OrderQueue',
  'PaymentAPI',
  'Zahlungsdienst',
  'Übersicht',
  'café',
  'cafe\u0301',
  'Ελένη',
  'Пользователь',
  '用户',
  '数据库',
  '前端',
  'उपयोगकर्ता',
  'مستخدم',
  'משתמש',
  '사용자',
  'ผู้ใช้',
  'ｶﾀｶﾅ',
  'ℌ𝔢𝔩𝔩𝔬',
  'Ａｕｔｈ',
  'end',
  'note',
  'alt',
  'purpose',
  'participant',
  'within',
  'internal',
  'as',
  'title',
  'Auth Service',
  'Pay 💳',
  'a-b',
  'say "hi"',
  'back\\slash',
  '👩‍💻',
  'two  spaces',
  'tab\there',
  '#hash',
  '// slashes',
  '== x ==',
];

/** Pieces of free text: plain words, markup-looking text, CJK, emoji, RTL, combining marks, zero-width, spec escapes. */
export const TEXT_PIECES: readonly string[] = [
  'hi',
  'POST /login',
  'GET /a#b',
  'http://x',
  'a:b',
  '->',
  '-->>',
  '--x',
  'x',
  'end',
  'else',
  '==',
  '...',
  '"quoted"',
  "it's",
  '\\',
  '\\n',
  '\n',
  'a\\b',
  'C:\\temp',
  '<script>alert(1)</script>',
  '</pre>',
  '&amp;',
  '`code`',
  '*bold*',
  '[link](javascript:x)',
  '|',
  '[',
  ']',
  '提交订单',
  '成功',
  '日本語のメモ',
  '🛒',
  '✅',
  '🎉',
  '👩‍👩‍👧',
  '🇩🇪',
  'Zahlungs-\nDienst',
  'naïve',
  'nai\u0308ve',
  'e\u0301\u0301',
  'مرحبا',
  'שלום',
  'abc\u200bdef',
  'zero\u200dwidth',
  '\u2066isolated\u2069',
  '\u202eevil',
  'a\tb',
  '\x1b[31mred\x1b[0m',
  'bell\x07',
  'del\x7f',
  '\u2028',
  'ｆｕｌｌ',
  '한국어',
  'ñ',
  '½',
  '™',
  '  two  ',
  '1.',
  '-',
  '+',
  '#',
  '//',
  'within 2s',
  'takes',
  '…',
];

export const ARROWS: readonly ArrowKind[] = ['->', '-->', '->>', '-->>', '-x', '--x'];
export const KINDS = ['actor', 'system', 'service', 'database', 'queue', 'participant'] as const;
export const FRAGMENTS: readonly FragmentKind[] = ['alt', 'opt', 'loop', 'par', 'critical', 'break', 'group'];
export const BRANCH: Partial<Record<FragmentKind, string>> = { alt: 'else', par: 'and', critical: 'option' };
export const UNITS = ['ms', 's', 'min', 'h'] as const;
export const DOC_META = ['project', 'version', 'date', 'designer', 'overview', 'security', 'assumption', 'related'] as const;
export const SEQ_META = ['purpose', 'trigger', 'outcome', 'scenario'] as const;

/** Characters the parser trims from the ends of free text (and JavaScript's own white space, which the renderer trims at line ends). */
export const BLANK_END = /^[\s\u0085\u180e\u200b\ufeff]+|[\s\u0085\u180e\u200b\ufeff]+$/gu;

export function cleanText(s: string): string {
  return s.replace(/\r/g, '').replace(BLANK_END, '');
}

/**
 * Text that follows a keyword (a condition, a sequence name, a title, a flow name) must not
 * start with `-`: `alt -> x` is a message from a participant called `alt` (spec 1, "How a line is read").
 */
export function afterKeyword(s: string): string {
  return s.replace(/^[-\s]+/u, '').replace(BLANK_END, '');
}

/** The `n`th element, wrapping around (plans draw unbounded indices). */
export function pick<T>(list: readonly T[], n: number): T {
  return list[n % list.length];
}
