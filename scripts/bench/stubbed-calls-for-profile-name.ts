/**
 * The function of stubbed-calls-for-profile.ts that makes the profiled calls; its samples bound the summary's window.
 */
export const profiledFunctionName = 'runProfiledCalls';
