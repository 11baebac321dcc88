import { open, readFile, unlink } from 'node:fs/promises'
import { join } from 'node:path'

export const LOCK_FILE = 'LOCK'

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError'
}

export interface DirLock { release (): Promise<void> }

function alive (pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

// One process per data directory: two writers appending to one journal would corrupt it. The lock file
// holds the owner's pid; a lock left by a process that no longer runs (SIGKILL, crash) is taken over.
export async function acquireDirLock (dir: string): Promise<DirLock> {
  const path = join(dir, LOCK_FILE)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx')
      await handle.writeFile(`${process.pid}\n`)
      await handle.sync()
      await handle.close()
      return { release: () => unlink(path).catch(() => {}) }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      const owner = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10)
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && alive(owner)) {
        throw new DataDirLockedError(`data directory ${dir} is in use by process ${owner}; stop it first`)
      }
      if (owner === process.pid) throw new DataDirLockedError(`data directory ${dir} is already open in this process`)
      await unlink(path).catch(() => {})
    }
  }
  throw new DataDirLockedError(`could not lock data directory ${dir}`)
}
