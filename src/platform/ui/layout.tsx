import type { ComponentChildren } from 'preact';
import { withNext } from '../http/redirects.ts';
import type { ViewContext } from '../http/request-context.ts';
import { type Locale, localeNames, locales } from '../i18n/index.ts';
import { pluggedInto } from '../modules/extensions.ts';
import { Icon, LogoMark } from './components.tsx';
import { footerLinks, mainNav, type NavItem, personMenu } from './menus.ts';

function withLang(path: string, locale: Locale): string {
  const url = new URL(path, 'http://x');
  url.searchParams.set('lang', locale);
  return url.pathname + url.search;
}

/** A header's entries offered to this reader, in their order. */
function offered(point: typeof mainNav, actor: ViewContext['actor']): NavItem[] {
  return pluggedInto(point)
    .filter((item) => !item.offeredTo || item.offeredTo(actor))
    .sort((a, b) => a.order - b.order);
}

/** The page's language tag; Chinese is written in simplified characters. */
export const htmlLang = (locale: Locale) => (locale === 'zh' ? 'zh-Hans' : locale);

export function Layout(props: { ctx: ViewContext; title: string; children: ComponentChildren; notice?: string }) {
  const { ctx, title } = props;
  const { t, actor } = ctx;
  return (
    <html lang={htmlLang(ctx.locale)} dir={ctx.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · convene`}</title>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/app.css" />
        <script src="/static/app.js" defer />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('nav.skip')}
        </a>
        <header class="site-header">
          <div class="site-header-inner">
            <a class="brand" href="/">
              <LogoMark />
              convene
            </a>
            <nav aria-label={t('nav.main')} class="site-nav">
              <ul>
                {offered(mainNav, actor).map((item) => (
                  <li>
                    <a href={item.href} aria-current={ctx.path.split('?')[0] === item.href ? 'page' : undefined}>
                      {t(item.label)}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <div class="site-tools">
              <details class="dropdown language-menu">
                <summary>
                  <Icon name="globe" />
                  <span class="visually-hidden">{t('nav.language')}: </span>
                  <span lang={ctx.locale}>{localeNames[ctx.locale]}</span>
                </summary>
                <nav aria-label={t('nav.language')} class="dropdown-panel">
                  {actor ? (
                    // Someone signed in chooses for the account too (its mails), by a form: a link's `?lang=` only
                    // changes the browsing.
                    <form method="post" action="/account/language">
                      <input type="hidden" name="_csrf" value={ctx.csrf} />
                      <input type="hidden" name="next" value={ctx.path} />
                      <ul>
                        {locales.map((l) => (
                          <li>
                            <button
                              type="submit"
                              class="link"
                              name="lang"
                              value={l}
                              lang={l}
                              aria-current={l === ctx.locale ? 'true' : undefined}
                            >
                              {localeNames[l]}
                            </button>
                          </li>
                        ))}
                      </ul>
                    </form>
                  ) : (
                    <ul>
                      {locales.map((l) => (
                        <li>
                          <a href={withLang(ctx.path, l)} lang={l} hreflang={l} aria-current={l === ctx.locale ? 'true' : undefined}>
                            {localeNames[l]}
                          </a>
                        </li>
                      ))}
                    </ul>
                  )}
                </nav>
              </details>
              {actor ? (
                <details class="dropdown person-menu">
                  <summary>
                    <Icon name="people" />
                    <span>{actor.givenName || actor.email}</span>
                  </summary>
                  <div class="dropdown-panel">
                    <ul>
                      {offered(personMenu, actor).map((item) => (
                        <li>
                          <a href={item.href}>{t(item.label)}</a>
                        </li>
                      ))}
                      <li>
                        <form method="post" action="/logout">
                          <input type="hidden" name="_csrf" value={ctx.csrf} />
                          <button type="submit" class="link">
                            {t('nav.logout')}
                          </button>
                        </form>
                      </li>
                    </ul>
                  </div>
                </details>
              ) : (
                <>
                  <a href={withNext('/login', ctx.path)}>{t('nav.login')}</a>
                  <a class="button small" href={withNext('/signup', ctx.path)}>
                    {t('nav.signup')}
                  </a>
                </>
              )}
            </div>
          </div>
        </header>
        {actor && !actor.emailVerified && (
          <div class="banner" role="status">
            {t('account.unverifiedBanner')}{' '}
            <form method="post" action="/account/verify/resend" class="inline">
              <input type="hidden" name="_csrf" value={ctx.csrf} />
              <input type="hidden" name="next" value={ctx.path} />
              <button type="submit" class="link">
                {t('account.resendVerification')}
              </button>
            </form>
          </div>
        )}
        <main id="main" tabindex={-1}>
          {props.notice && (
            <p class="notice" role="status">
              {props.notice}
            </p>
          )}
          {props.children}
        </main>
        <footer class="site-footer">
          <p>
            {t('footer.text')} · <a href="/api/docs">{t('footer.api')}</a>
            {offered(footerLinks, actor).map((item) => (
              <>
                {' · '}
                <a href={item.href}>{t(item.label)}</a>
              </>
            ))}
          </p>
        </footer>
      </body>
    </html>
  );
}
