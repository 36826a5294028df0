// Play/pause, speed, step to the next event, reset, and the simulated clock.
import { SPEEDS } from './worker/protocol.ts';
import { elapsedSpoken, elapsedText, wallClockText } from './clock-format.ts';

interface Props {
  idPrefix: string;
  now: number;
  startMs: number;
  playing: boolean;
  speed: number;
  disabled: boolean;
  onPlay(playing: boolean): void;
  onSpeed(speed: number): void;
  onStep(): void;
  onReset(): void;
}

export function TimeControls({ idPrefix, now, startMs, playing, speed, disabled, onPlay, onSpeed, onStep, onReset }: Props) {
  return (
    <div class="sb-time" role="group" aria-label="Simulated time">
      <button type="button" class="sb-btn sb-play" aria-pressed={playing} disabled={disabled} onClick={() => onPlay(!playing)}
        title={playing ? 'Pause simulated time' : 'Run simulated time'}>
        {playing ? <PauseIcon /> : <PlayIcon />}
        <span>{playing ? 'Pause' : 'Play'}</span>
      </button>
      <label class="sb-speed">
        <span class="visually-hidden">Speed</span>
        <select value={String(speed)} disabled={disabled} onChange={(e) => onSpeed(Number((e.currentTarget as HTMLSelectElement).value))}
          title="Simulated seconds per real second">
          {SPEEDS.map((s) => <option key={s} value={String(s)}>{s}×</option>)}
        </select>
      </label>
      <button type="button" class="sb-btn" disabled={disabled || playing} onClick={onStep} title="Run to the next moment something changes">
        <StepIcon /><span>Step</span>
      </button>
      <button type="button" class="sb-btn" onClick={onReset} aria-label="Reset the cluster" title="Start the cluster again from nothing (your files stay)">
        <ResetIcon /><span>Reset</span>
      </button>
      <p class="sb-clock" id={`${idPrefix}-clock`}>
        <time dateTime={new Date(now).toISOString()} aria-label={`Simulated time: ${elapsedSpoken(now - startMs)} since the start`}>
          <span class="sb-elapsed">{elapsedText(now - startMs)}</span>
          <span class="sb-wall">{wallClockText(now)}</span>
        </time>
      </p>
    </div>
  );
}

const icon = { width: 14, height: 14, viewBox: '0 0 16 16', 'aria-hidden': true, focusable: 'false' } as const;
function PlayIcon() {
  return <svg {...icon}><path d="M4 2.5v11l9-5.5z" fill="currentColor" /></svg>;
}
function PauseIcon() {
  return <svg {...icon}><path d="M4 2.5h3v11H4zM9 2.5h3v11H9z" fill="currentColor" /></svg>;
}
function StepIcon() {
  return <svg {...icon}><path d="M3 2.5v11l7-5.5zM11 2.5h2.5v11H11z" fill="currentColor" /></svg>;
}
function ResetIcon() {
  return <svg {...icon}><path d="M8 3a5 5 0 1 1-4.6 3H1.5l3-3.5 3 3.5H5.6A3.2 3.2 0 1 0 8 4.8z" fill="currentColor" /></svg>;
}
