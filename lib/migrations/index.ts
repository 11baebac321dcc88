import { initialIndexes } from './001-initial-indexes.js'
import { defaultPrompt } from './002-default-prompt.js'
import { auditLog } from './003-audit-log.js'
import type { Migration } from './types.js'

// Every migration, oldest first. Append new ones; never reorder, rename or edit an applied one.
export const migrations: readonly Migration[] = [
  initialIndexes,
  defaultPrompt,
  auditLog
]
