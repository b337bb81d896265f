import { useEffect, useState } from 'preact/hooks';
import { loadSettings, watchSettings, type EffectiveSettings } from '../utils/policy/store';

/** The settings in force, kept current while the page is open (policy or user changes, from anywhere). */
export function useSettings(): [EffectiveSettings | undefined, (next: EffectiveSettings) => void] {
  const [effective, setEffective] = useState<EffectiveSettings>();
  useEffect(() => {
    let live = true;
    const stop = watchSettings((s) => live && setEffective(s));
    void loadSettings().then((s) => live && setEffective((current) => current ?? s));
    return () => {
      live = false;
      stop();
    };
  }, []);
  return [effective, setEffective];
}
