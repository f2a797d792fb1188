/**
 * An HTML parser for imported pages that runs nothing. Every native parser in
 * an extension page (DOMParser, `createHTMLDocument`, `<template>`) hands the
 * page's inline handlers (`onload="…"`) to the page's script engine, which
 * refuses them under the extension's CSP and logs one error each (136 for a
 * BBC article); a page with a laxer policy would run them. linkedom is a DOM
 * in plain JavaScript: attributes stay strings, scripts stay text, nothing
 * loads. It is also what the command-line tool parses with, so a page gives
 * the same article in both. `linkedom/worker` is its self-contained browser
 * build (the package's CommonJS CSS parser does not bundle); loaded on first
 * use, as most imports have no HTML.
 */
import type { HtmlParser } from './html';

let loading: Promise<HtmlParser> | undefined;

/** The inert parser, loading linkedom the first time. */
export function inertHtmlParser(): Promise<HtmlParser> {
  loading ??= import('linkedom/worker').then(({ DOMParser }) => {
    const parser = new DOMParser();
    return (html: string) => parser.parseFromString(html, 'text/html') as unknown as Document;
  });
  return loading;
}
