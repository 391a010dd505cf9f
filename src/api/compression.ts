/**
 * Compresses answers of text types (JSON, CSV, GeoJSON, HTML, scripts, styles) with brotli or
 * gzip, as the client's Accept-Encoding prefers (RFC 9110 §12.5.3), once they pass a kilobyte:
 * a list page of 64 KB of JSON travels as a few KB, while a short answer is not worth the bytes a
 * compressed stream adds. Hono's own `compress` middleware was not used: it has no brotli, and
 * without a Content-Length (every JSON answer) it compresses whatever the size.
 *
 * The body stays a stream: the first kilobyte is read to learn whether the answer is that large,
 * then everything is piped through the compressor, so a streamed export keeps its bounded memory.
 * Brotli runs at quality 5, not its default 11, which is meant for files compressed once and
 * served many times, not for answers made per request.
 */
import { Duplex } from 'node:stream';
import { constants, createBrotliCompress } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';

/** Answers below this many bytes are sent as they are. */
export const COMPRESS_THRESHOLD = 1024;

const COMPRESSIBLE = /^(?:text\/|application\/(?:json|problem\+json|geo\+json|javascript|xml|[\w.+-]*\+json)|image\/svg\+xml)/i;

export type ContentCoding = 'br' | 'gzip';

/** Brotli or gzip, whichever Accept-Encoding ranks higher (brotli on a tie), null for neither. */
export function chooseEncoding(acceptEncoding: string | undefined): ContentCoding | null {
  if (!acceptEncoding) return null;
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
    weights.set(name.trim(), q ? Number(q[1]) : 1);
  }
  const weight = (coding: ContentCoding) => weights.get(coding) ?? weights.get('*') ?? 0;
  const best = (['br', 'gzip'] as const).filter((coding) => weight(coding) > 0).sort((a, b) => weight(b) - weight(a))[0];
  return best ?? null;
}

function compressor(coding: ContentCoding): ReadableWritablePair<Uint8Array, Uint8Array> {
  if (coding === 'gzip') return new CompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>;
  const brotli = createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } });
  return Duplex.toWeb(brotli) as unknown as ReadableWritablePair<Uint8Array, Uint8Array>;
}

/** The body's first chunks up to `limit` bytes (or all of it, when shorter), and the reader for the rest. */
async function readHead(body: ReadableStream<Uint8Array>, limit: number) {
  const reader = body.getReader();
  const head: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    if (size >= limit) return { head, size, reader, ended: false };
    const next = await reader.read();
    if (next.done) return { head, size, reader, ended: true };
    head.push(next.value);
    size += next.value.byteLength;
  }
}

/** The chunks already read, then the rest of the reader. */
function rejoined(head: Uint8Array[], reader: ReadableStreamDefaultReader<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of head) controller.enqueue(chunk);
    },
    async pull(controller) {
      const next = await reader.read();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

export function compression(threshold = COMPRESS_THRESHOLD): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    const type = res.headers.get('Content-Type') ?? '';
    if (!res.body || c.req.method === 'HEAD' || [204, 206, 304].includes(res.status) || !COMPRESSIBLE.test(type)) return;
    if (res.headers.has('Content-Encoding') || /\bno-transform\b/i.test(res.headers.get('Cache-Control') ?? '')) return;
    // Whether or not this answer is compressed, another client's may be (RFC 9110 §12.5.5).
    c.header('Vary', 'Accept-Encoding', { append: true });
    const coding = chooseEncoding(c.req.header('Accept-Encoding'));
    const declared = res.headers.get('Content-Length');
    if (coding === null || (declared !== null && Number(declared) < threshold)) return;
    const { head, size, reader, ended } = await readHead(res.body, threshold);
    const headers = new Headers(res.headers);
    if (ended && size < threshold) {
      c.res = new Response(rejoined(head, reader), { status: res.status, headers });
      return;
    }
    headers.set('Content-Encoding', coding);
    c.res = new Response(rejoined(head, reader).pipeThrough(compressor(coding)), { status: res.status, headers });
    // Hono copies the replaced answer's headers onto the new one: its length no longer holds.
    c.res.headers.delete('Content-Length');
  };
}
