import type { JSX } from 'preact';

/** Plain text with blank-line paragraphs and line breaks, safely escaped. */
export function Paragraphs(props: { text: string }) {
  const paragraphs = props.text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <>
      {paragraphs.map((p) => (
        <p>
          {p.split('\n').map((line, i) => (
            <>
              {i > 0 && <br />}
              {line}
            </>
          ))}
        </p>
      ))}
    </>
  );
}

/**
 * A web address is made of URL characters only (RFC 3986: ASCII), so in languages written without spaces
 * ("请访问https://example.org/a进行注册") it ends where the next word begins; an e-mail address likewise.
 */
const ADDRESS =
  /\bhttps?:\/\/[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+|(?<![A-Za-z0-9.+_-])[A-Za-z0-9.+_-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
const TRAILING = /[.,;:!?'"»…)\]}]$/;

/** An address found in text, without the punctuation of the sentence round it (a closing bracket it opened stays). */
function trimAddress(found: string): string {
  let address = found;
  while (TRAILING.test(address)) {
    const last = address.at(-1)!;
    const opening = last === ')' ? '(' : last === ']' ? '[' : last === '}' ? '{' : undefined;
    if (opening && address.split(opening).length > address.split(last).length - 1) break;
    address = address.slice(0, -1);
  }
  return address;
}

/**
 * Plain text in which each http(s) address is a link — and, with `mail`, each e-mail address a mailto: link:
 * no other scheme ever becomes one, and everything, the addresses too, is escaped like any text.
 */
export function LinkedText(props: { text: string; mail?: boolean }) {
  const parts: (string | JSX.Element)[] = [];
  let at = 0;
  for (const match of props.text.matchAll(ADDRESS)) {
    const address = trimAddress(match[0]);
    const isMail = !/^https?:/i.test(address);
    if (isMail && !props.mail) continue;
    let href: string;
    try {
      href = isMail ? `mailto:${address}` : new URL(address).href;
    } catch {
      continue;
    }
    parts.push(props.text.slice(at, match.index));
    parts.push(
      <a href={href} rel={isMail ? undefined : 'noreferrer'}>
        {address}
      </a>,
    );
    at = match.index + address.length;
  }
  parts.push(props.text.slice(at));
  return <>{parts}</>;
}
