/**
 * An HNSW index built once per deterministic dataset and kept on disk, so the nearest-face lab's
 * second run with the same embeddings and graph settings loads the graph instead of spending
 * ~30 s rebuilding it (issue 15).
 *
 * hnswlib-wasm writes and reads indexes only through Emscripten's IDBFS (a file system synced to
 * IndexedDB), and its module does not export the file system. Under Node, fake-indexeddb stands
 * in for IndexedDB: writeIndex puts the bytes in its (in-memory) store, from which they go to a
 * file; loading puts the file's bytes back in the store, syncs them into the module's file system
 * and calls readIndex. The in-memory copies are dropped afterwards (record deleted, then a sync
 * that removes the file from the module's file system too).
 *
 * Files: `<dir>/<key>.hnsw`, written to a temporary name and renamed, so a reader never sees half
 * a file; a file that fails to load is deleted and the index rebuilt. The directory is created
 * private (0700) and used only while it is this user's and writable by no one else. LAB_CACHE_DIR sets the
 * directory (default: the OS temporary directory); LAB_CACHE_DIR=off turns the cache off.
 */
import { createHash, randomUUID } from "node:crypto";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { HNSWLIB_CHATTER, type HnswIndex } from "./hnsw";

/** Where the module's IDBFS is mounted (hnswlib-wasm's EmscriptenFileSystemManager). */
const MOUNT = "/hnswlib-index";
const STORE = "FILE_DATA";
/** Bumped when what goes into the key, or the file's meaning, changes. */
const FORMAT = 1;

interface FsManager {
  initializeFileSystem(type: "IDBFS"): void;
  isInitialized(): boolean;
  syncFS(populateFromStore: boolean, done: () => void): void;
  setDebugLogs?(on: boolean): void;
}

export interface HnswCacheKey {
  /** What determines the vectors (dataset generator, its parameters and seed). */
  dataset: Record<string, number | string>;
  /** What determines the graph. */
  graph: { space: string; dim: number; m: number; efConstruction: number; seed: number };
}

export function hnswCacheDir(env: NodeJS.ProcessEnv = process.env): string | null {
  const v = env.LAB_CACHE_DIR?.trim();
  if (v === "off") return null;
  return v || path.join(os.tmpdir(), "panelist-lab-cache");
}

let libraryVersion: string | undefined;
function hnswlibVersion(): string {
  if (libraryVersion === undefined) {
    try {
      const require = createRequire(path.join(process.cwd(), "package.json"));
      libraryVersion = (require("hnswlib-wasm/package.json") as { version: string }).version;
    } catch {
      libraryVersion = "unknown";
    }
  }
  return libraryVersion;
}

/** A file name for the key: a digest of everything that determines the index's bytes. */
export function hnswCacheFile(dir: string, key: HnswCacheKey): string {
  const canonical = JSON.stringify({ format: FORMAT, hnswlib: hnswlibVersion(), dataset: sorted(key.dataset), graph: sorted(key.graph) });
  return path.join(dir, `nearest-face-${createHash("sha256").update(canonical).digest("hex").slice(0, 32)}.hnsw`);
}

function sorted<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b))) as T;
}

// ── the module's file system, through the fake IndexedDB ─────────────────────────────

/** The IndexedDB the module's IDBFS uses: Node has none, so fake-indexeddb's, installed on first use. */
let idb: IDBFactory | undefined;

async function fileSystem(lib: unknown): Promise<FsManager> {
  const m = (lib as { EmscriptenFileSystemManager?: FsManager }).EmscriptenFileSystemManager;
  if (!m) throw new Error("hnswlib-wasm: EmscriptenFileSystemManager is missing");
  if (!idb) {
    const g = globalThis as { indexedDB?: IDBFactory; IDBKeyRange?: unknown };
    if (!g.indexedDB) {
      const fake = await import("fake-indexeddb");
      g.indexedDB = fake.indexedDB;
      g.IDBKeyRange ??= fake.IDBKeyRange;
    }
    idb = g.indexedDB;
  }
  if (!m.isInitialized()) {
    m.setDebugLogs?.(false);
    await quietly(async () => {
      m.initializeFileSystem("IDBFS");
      for (let i = 0; i < 200 && !m.isInitialized(); i++) await new Promise((r) => setTimeout(r, 10));
    });
    if (!m.isInitialized()) throw new Error("hnswlib-wasm: the file system did not initialize");
  }
  return m;
}

/** Runs `act` with the module's JavaScript-side sync chatter kept off the log (anything else still printed). */
async function quietly<T>(act: () => Promise<T>): Promise<T> {
  const log = console.log;
  console.log = (...args: unknown[]) => {
    if (!(typeof args[0] === "string" && HNSWLIB_CHATTER.test(args[0]))) log(...args);
  };
  try {
    return await act();
  } finally {
    // The module logs from a timer just after a sync: give it that turn before restoring.
    await new Promise((r) => setTimeout(r, 5));
    console.log = log;
  }
}

const sync = (m: FsManager, populateFromStore: boolean) => quietly(() => new Promise<void>((resolve) => m.syncFS(populateFromStore, resolve)));

function openStore(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    // IDBFS creates the database (named after the mount point) when it mounts.
    const req = idb!.open(MOUNT);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function inStore<T>(mode: IDBTransactionMode, act: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openStore();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = act(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** Drops a file from the store and then from the module's file system. */
async function forget(m: FsManager, name: string): Promise<void> {
  await inStore("readwrite", (s) => s.delete(`${MOUNT}/${name}`));
  await sync(m, true);
}

/** The index's bytes, as hnswlib writes them. */
export async function indexBytes(lib: unknown, index: HnswIndex & { writeIndex(name: string): Promise<unknown> | unknown }): Promise<Uint8Array> {
  const m = await fileSystem(lib);
  const name = `w-${randomUUID()}.hnsw`;
  await quietly(async () => {
    await index.writeIndex(name);
  });
  await sync(m, false);
  try {
    const record = await inStore<{ contents?: Uint8Array } | undefined>("readonly", (s) => s.get(`${MOUNT}/${name}`));
    if (!record?.contents?.length) throw new Error("hnswlib-wasm wrote an empty index");
    return new Uint8Array(record.contents);
  } finally {
    await forget(m, name);
  }
}

/** An index read from `bytes` (what indexBytes returned), sized for `maxElements`. */
export async function indexFromBytes(lib: unknown, make: () => HnswIndex & { readIndex(name: string, maxElements: number): Promise<unknown> | unknown }, bytes: Uint8Array, maxElements: number): Promise<HnswIndex> {
  const m = await fileSystem(lib);
  const name = `r-${randomUUID()}.hnsw`;
  await inStore("readwrite", (s) => s.put({ timestamp: new Date(), mode: 0o100644, contents: bytes }, `${MOUNT}/${name}`));
  try {
    await sync(m, true);
    const index = make();
    await index.readIndex(name, maxElements);
    if (index.getCurrentCount() !== maxElements) throw new Error(`the cached index holds ${index.getCurrentCount()} vectors, not ${maxElements}`);
    return index;
  } finally {
    await forget(m, name);
  }
}

// ── the disk cache ───────────────────────────────────────────────────────────────────

/**
 * Whether the cache directory is ours alone: it lives under the shared temporary directory by
 * default, where another local user could have created it first and planted files.
 */
async function privateDir(dir: string): Promise<boolean> {
  try {
    const st = await stat(dir);
    const uid = process.getuid?.();
    return st.isDirectory() && (uid === undefined || st.uid === uid) && (st.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

export async function readCachedIndex(file: string): Promise<Uint8Array | null> {
  if (!(await privateDir(path.dirname(file)))) return null;
  try {
    return new Uint8Array(await readFile(file));
  } catch {
    return null;
  }
}

export async function writeCachedIndex(file: string, bytes: Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  if (!(await privateDir(path.dirname(file)))) throw new Error(`${path.dirname(file)} is not a directory only this user can write`);
  const tmp = `${file}.${randomUUID()}.tmp`;
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, file);
  } finally {
    await rm(tmp, { force: true });
  }
}

export async function dropCachedIndex(file: string): Promise<void> {
  await rm(file, { force: true });
}
