// Demo for eslint-plugin-clockwork-secrets: this file holds no key. Its apiKey prop is typed, never
// given a value here, so there is nothing for the rule to report.
import { createContext, useContext, type ReactNode } from 'react';

interface ClockworkContextValue {
  apiKey: string;
}

const ClockworkContext = createContext<ClockworkContextValue | null>(null);

export function ClockworkProvider({ apiKey, children }: { apiKey: string; children: ReactNode }) {
  return <ClockworkContext.Provider value={{ apiKey }}>{children}</ClockworkContext.Provider>;
}

export function useClockwork(): ClockworkContextValue {
  const value = useContext(ClockworkContext);
  if (!value) throw new Error('useClockwork must be used inside <ClockworkProvider>');
  return value;
}
