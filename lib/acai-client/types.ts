// The API's shapes the terminal clients read (schemas/conversations.ts).
export interface ToolCall { name: string, ok: boolean }
export interface Message { id: string, role: 'user' | 'assistant', content: string, createdAt: string, toolCalls?: ToolCall[] }
export interface Conversation { id: string, title: string, createdAt: string, updatedAt: string, messageCount: number }
export interface Turn { conversation: Conversation, message: Message, reply: Message }
export interface ConversationWithMessages { conversation: Conversation, messages: Message[], nextBefore: number | null }
export interface ConversationList { items: Conversation[], nextCursor: string | null }
