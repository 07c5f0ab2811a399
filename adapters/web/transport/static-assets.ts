import { readdir, readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PUBLIC_DIR = fileURLToPath(new URL('../render/public/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** Only same-origin scripts and styles: users' text can never become markup or code on the page. */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

interface Asset {
  body: Buffer;
  type: string;
}

/**
 * The page and its assets, read once from `render/public/`. Only files listed there are served, by exact
 * name, so no request path can reach anything else on disk. `modules` are browser modules the server
 * builds from its own constants (name → source), for what the page must share with the server.
 */
export class StaticAssets {
  private loaded: Promise<Map<string, Asset>> | undefined;

  constructor(
    private readonly modules: Readonly<Record<string, string>> = {},
    private readonly dir = PUBLIC_DIR,
  ) {}

  async servePage(_req: IncomingMessage, res: ServerResponse): Promise<void> {
    await this.send(res, 'index.html');
  }

  async serveAsset(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    const name = pathname.slice('/assets/'.length);
    await this.send(res, name);
  }

  private async send(res: ServerResponse, name: string): Promise<void> {
    const asset = (await this.assets()).get(name);
    if (!asset) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': asset.type,
      'content-length': asset.body.length,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      ...(asset.type.startsWith('text/html') ? { 'content-security-policy': CSP } : {}),
    });
    res.end(asset.body);
  }

  private assets(): Promise<Map<string, Asset>> {
    this.loaded ??= (async () => {
      const map = new Map<string, Asset>();
      for (const name of await readdir(this.dir)) {
        const type = TYPES[path.extname(name)];
        if (type) map.set(name, { body: await readFile(path.join(this.dir, name)), type });
      }
      for (const [name, source] of Object.entries(this.modules))
        map.set(name, { body: Buffer.from(source), type: TYPES['.js']! });
      return map;
    })();
    return this.loaded;
  }
}
