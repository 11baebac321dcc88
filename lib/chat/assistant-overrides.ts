import type { Provider } from '../assistant/provider.js'
import type { Clock } from '../assistant/types.js'
import type { TitleMaker } from './ports.js'

/** What tests may swap in the assistant built by plugins/app/assistant.ts (through the app options). */
export interface AssistantOverrides {
  provider?: Provider
  clock?: Clock
  title?: TitleMaker
}
