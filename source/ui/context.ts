import {createContext, useContext, useLayoutEffect} from 'react';
import type {WizardServices} from '../services/wizard-services.js';

export interface UiRuntime {
	services: WizardServices;
	escapeWaitMs: number;
	/** Steps report when a text field has the keyboard, so letter shortcuts (q, ?, r) stay off. */
	setTyping: (typing: boolean) => void;
}

export const UiRuntimeContext = createContext<UiRuntime | null>(null);

export function useUiRuntime(): UiRuntime {
	const runtime = useContext(UiRuntimeContext);
	if (!runtime) throw new Error('UiRuntimeContext missing');
	return runtime;
}

export function useTyping(active: boolean): void {
	const {setTyping} = useUiRuntime();
	// A layout effect, like key registration: the flag must be right before the next key is read.
	useLayoutEffect(() => {
		setTyping(active);
		return () => setTyping(false);
	}, [active, setTyping]);
}
