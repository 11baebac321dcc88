// Public API of the assistant (DESIGN.md 5). Framework-free: the clock, tools, provider and logger
// are passed in; nothing here touches HTTP or the database.
//
// Typical wiring (service/plugin side):
//
//   const clock = () => new Date()
//   const assistant = createAssistant({
//     provider: createOfflineProvider({ clock }),        // or createModelService(...).provider (providers/model-service.ts)
//     tools: [...builtinTools(), createGetWeather(weather)], // weather: lib/weather's client
//     clock, maxToolIterations: 5, toolTimeoutMs: 10_000, maxContextTokens: 8000, logger
//   })
//
//   // JSON route: the whole reply
//   const { content, toolCalls, usage, context } = await assistant.reply({
//     systemPrompt, summary, history, message, signal
//   })
//
//   // SSE route: the same loop as events
//   for await (const event of assistant.stream({ systemPrompt, summary, history, message, signal })) {
//     // event.type: 'delta' { text } | 'tool' { name, ok, arguments } | 'done' { content, toolCalls, usage, context }
//   }
//
// `history` is the stored conversation, oldest first, without the new message (a trailing copy of
// it is ignored). `done.content` is exactly the concatenation of the deltas. When `signal` aborts,
// the provider and running tools stop and the stream/promise rejects with the signal's reason.
// `done.context.droppedMessages` > 0 means older history did not fit `maxContextTokens`: those
// messages are the ones to fold into the conversation's rolling summary.
//
// Titles: `createCachedTitler(createOfflineTitler(), cache).title(firstMessage)` in parallel with
// the first reply; every title is <= TITLE_MAX_LENGTH code points, cut between graphemes.

export { createAssistant, type Assistant, type AssistantOptions, type ReplyInput, type ReplyResult } from './engine.js'
export type {
  AssistantEvent, AssistantLogger, AssistantMessage, ChatMessage, Clock, ContextInfo, DeltaEvent, DoneEvent, HistoryMessage,
  SystemMessage, TokenUsage, ToolCall, ToolCallSummary, ToolEvent, ToolMessage, ToolResult, UserMessage
} from './types.js'
export {
  ToolCallAccumulator, type FinishReason, type JsonSchema, type Provider, type ProviderEvent, type ProviderFinishEvent,
  type ProviderRequest, type ProviderTextEvent, type ProviderToolCallEvent, type ToolDefinition
} from './provider.js'
export { createOfflineProvider, type OfflineProviderOptions } from './offline/provider.js'
export {
  builtinTools, createGetWeather, createToolRegistry, defineTool, getDatetime, getHolidays, ToolError, WEATHER_UNAVAILABLE,
  type DateTimeResult, type HolidayItem, type HolidaysResult, type Tool, type ToolContext, type ToolOutcome, type ToolRegistry,
  type ToolRegistryOptions, type WeatherLookup
} from './tools/index.js'
export {
  clampTitle, createCachedTitler, createMemoryTitleCache, createOfflineTitler, heuristicTitle, sanitizeTitle, titleCacheKey,
  TITLE_MAX_LENGTH, type TitleCache, type Titler
} from './titles.js'
export { buildContext, messageTokens, preloadTokenizer, truncateToTokens, type ContextInput, type ContextSelection } from './context.js'
export { DEFAULT_SYSTEM_PROMPT } from './prompts.js'
export { preloadPlaces, resolveHolidayPlace, resolveZone, type HolidayPlace, type ZonePlace } from './places.js'
// The OpenAI-compatible provider (lib/assistant/providers/openai.ts, model-service.ts) is imported where it
// is used, so the offline path never loads the SDK.
export { chooseProvider, type ProviderChoice, type ProviderKind } from './providers/choose.js'
export { createSummarizer, SUMMARY_INSTRUCTIONS, type FoldResult, type Summarizer, type SummarizerOptions } from './summarizer.js'
export { createModelTitler, TITLE_INSTRUCTIONS, type TitleCompleteFn } from './model-titler.js'
