// Which provider the configuration asks for (DESIGN.md 2, 5.2). Kept apart from the OpenAI provider so the
// zero-setup (offline) path never loads the SDK.

export type ProviderKind = 'openai' | 'offline'

export interface ProviderChoice {
  LLM_PROVIDER?: ProviderKind | undefined
  LLM_API_KEY?: string | undefined
  LLM_BASE_URL?: string | undefined
}

/** LLM_PROVIDER when set; otherwise openai as soon as a key or a base URL says where a model is. */
export function chooseProvider (config: ProviderChoice): ProviderKind {
  if (config.LLM_PROVIDER !== undefined) return config.LLM_PROVIDER
  return config.LLM_API_KEY !== undefined || config.LLM_BASE_URL !== undefined ? 'openai' : 'offline'
}
