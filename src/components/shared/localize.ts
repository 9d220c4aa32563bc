/** The widget's language: which locale the elements speak, their text direction, and the locale dates
 * are written in.
 *
 * Strings go through @lit/localize in runtime mode, where one locale is active per page (its `msg()`
 * reads one global table). Each element asks for a locale: its own `lang` attribute, else the nearest
 * ancestor's (crossing shadow roots, so a launcher's list and thread follow the launcher), else the
 * page's `<html lang>`, else English. The element that joined the page first decides for all of them;
 * an element asking for another language says so in the console and shows the page's one, so strings,
 * direction and dates never disagree inside one widget. Changing the deciding element's `lang` or the
 * page's `<html lang>` switches every element.
 *
 * Translations other than English are loaded on demand (a dynamic import per locale). When the host
 * page has configured @lit/localize itself (an app sharing our copy through the ESM build), that
 * configuration stays in charge and the elements show whatever it provides (English for our strings). */
import { configureLocalization, LOCALE_STATUS_EVENT, type LocaleModule } from '@lit/localize';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { sourceLocale, targetLocales } from './generated/locale-codes.js';

type TargetLocale = (typeof targetLocales)[number];
export type Locale = typeof sourceLocale | TargetLocale;

// A literal import() per locale, so bundlers can split each into its own chunk. (Adding a locale to
// lit-localize.json without adding it here is a type error.)
const loaders: Record<TargetLocale, () => Promise<LocaleModule>> = {
  ar: () => import('./generated/locales/ar.js'),
};

/** Scripts written right to left: their locales turn the layout around. */
const RTL = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'ks', 'ps', 'sd', 'ug', 'ur', 'yi']);

function directionOf(locale: string): 'ltr' | 'rtl' {
  return RTL.has(locale.toLowerCase().split(/[-_]/)[0]) ? 'rtl' : 'ltr';
}

/** The supported locale for a language tag: itself, else its language ("ar-EG" → "ar"), else English. */
function supportedLocale(tag: string | null | undefined): Locale {
  const all: readonly string[] = [sourceLocale, ...targetLocales];
  const wanted = (tag ?? '').trim().toLowerCase().replace('_', '-');
  if (all.includes(wanted)) return wanted as Locale;
  const language = wanted.split('-')[0];
  return (all.includes(language) ? language : sourceLocale) as Locale;
}

/** The language tag that applies to `el`: its `lang`, an ancestor's across shadow roots, or ''. */
function langOf(el: Element): string {
  for (let node: Node | null = el; node; ) {
    if (node instanceof Element && node.hasAttribute('lang')) return node.getAttribute('lang')!;
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return '';
}

let setLocale: ((locale: string) => Promise<void>) | undefined;
let configured = false;
/** The locale asked for last (being loaded or active): direction and dates follow it at once. */
let current: Locale = sourceLocale;
/** The tag it was asked with ("en-GB" for English strings with British dates), or '' when nobody said. */
let currentTag = '';
/** Counts language changes (asked for, and translations loaded): renderers that cache output compare it. */
let generation = 0;

function configure(): void {
  if (configured) return;
  configured = true;
  try {
    setLocale = configureLocalization({
      sourceLocale,
      targetLocales,
      loadLocale: (locale) => loaders[locale as TargetLocale](),
    }).setLocale;
    window.addEventListener(LOCALE_STATUS_EVENT, (event) => {
      if (event.detail.status === 'ready') generation++;
    });
  } catch {
    // The host page's own @lit/localize configuration is in charge.
    console.warn('[chat-widget] @lit/localize is configured by the page: the elements follow its locale.');
  }
}

/** The elements on the page, first joined first: the first one's language is the page's. */
const speakers = new Set<LocaleController>();
const warned = new WeakSet<LocaleController>();
let pageObserver: MutationObserver | undefined;

function choose(): void {
  const first = speakers.values().next().value;
  if (!first) return;
  const tag = first.requestedTag;
  const locale = supportedLocale(tag);
  const changed = locale !== current || tag !== currentTag;
  if (changed) generation++;
  currentTag = tag;
  if (locale !== current && setLocale) {
    const previous = current;
    current = locale;
    setLocale(locale).catch((error: unknown) => {
      console.warn(`[chat-widget] could not load the "${locale}" translations (is the locales/ folder next to the script?):`, error);
      // The strings stayed in the previous language: so do direction and dates.
      if (current !== locale) return;
      current = previous;
      generation++;
      for (const speaker of speakers) speaker.host.requestUpdate();
    });
  }
  for (const speaker of speakers) {
    // Direction and dates change at once; strings when the translations are in (@localized()).
    if (changed) speaker.host.requestUpdate();
    if (supportedLocale(speaker.requestedTag) !== current && !warned.has(speaker)) {
      warned.add(speaker);
      console.warn(`[chat-widget] <${speaker.host.localName}> asks for "${speaker.requestedTag}" but this page shows "${current}": `
        + `one language per page, the first element's (<${first.host.localName}>).`);
    }
  }
}

/** Changes whenever the language does (asked for, or its translations in). */
export function localeGeneration(): number {
  return generation;
}

/** The tag dates and times are formatted with: the page's own tag when it is a variant of the active
 * locale ("en-GB"), the active locale otherwise, or undefined (the browser's) when nobody set a language. */
export function dateLocale(): string | undefined {
  if (!currentTag) return current === sourceLocale ? undefined : current;
  return supportedLocale(currentTag) === current ? currentTag : current;
}

/**
 * Makes an element take part in the page's language: registers it (the first one decides), follows
 * changes of its `lang` and of `<html lang>`, and keeps its `dir` attribute on the active locale's
 * direction (unless the page set `dir` on it). Re-rendering on a locale change is `@localized()`'s.
 */
export class LocaleController implements ReactiveController {
  private readonly observer = new MutationObserver(() => choose());
  /** The `dir` this controller wrote; any other value on the element is the page's and is kept. */
  private writtenDir: string | null = null;

  constructor(readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  /** The language tag this element asks for ('' when neither it, its ancestors nor the page say). */
  get requestedTag(): string {
    return langOf(this.host) || document.documentElement.lang;
  }

  /** The direction of the element's strings: the active locale's. */
  get dir(): 'ltr' | 'rtl' {
    return directionOf(current);
  }

  hostConnected(): void {
    configure();
    speakers.add(this);
    this.observer.observe(this.host, { attributes: true, attributeFilter: ['lang'] });
    if (!pageObserver) {
      pageObserver = new MutationObserver(() => choose());
      pageObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
    }
    choose();
  }

  hostDisconnected(): void {
    speakers.delete(this);
    warned.delete(this);
    this.observer.disconnect();
    choose();
  }

  hostUpdate(): void {
    const own = this.host.getAttribute('dir');
    if (own !== null && own !== this.writtenDir) return;
    if (own !== this.dir) this.host.setAttribute('dir', this.dir);
    this.writtenDir = this.dir;
  }
}
