// The AI SDK prints every provider warning with console.warn; the tests assert them from the results instead.
(globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;
