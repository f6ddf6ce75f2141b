import { pino, type Logger as PinoLogger } from 'pino';
import { PinoPretty } from 'pino-pretty';

/** The project's logger: pino with one extra level, `summary`, for the run's one-line summary. */
export type Logger = PinoLogger<'summary'>;

/** Options for {@link createLogger}. */
export interface LoggerOptions {
  /** `quiet` shows warnings, errors and the summary; `verbose` adds debug lines. Default `normal`. */
  verbosity?: 'quiet' | 'normal' | 'verbose';
  /** Readable lines instead of JSON. Default: whether stderr is a TTY. */
  pretty?: boolean;
  /** Where lines go. Default: stderr (file descriptor 2). */
  destination?: NodeJS.WritableStream;
}

/** Header names whose values never reach a log line. */
const SECRET_PATHS = [
  'headers.authorization',
  'headers.cookie',
  'headers["proxy-authorization"]',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.headers["proxy-authorization"]',
];

/** Between warn (40) and error (50), so `--quiet` still shows the summary. */
const SUMMARY_LEVEL = 45;

/**
 * Creates the logger: JSON lines on stderr when not on a TTY (machine-readable for cron mail and log shippers),
 * readable coloured lines on a TTY. Fixed messages, snake_case fields, secrets redacted.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const verbosity = options.verbosity ?? 'normal';
  const level = verbosity === 'quiet' ? 'warn' : verbosity === 'verbose' ? 'debug' : 'info';
  const pretty = options.pretty ?? Boolean(process.stderr.isTTY);
  const destination = options.destination ?? pino.destination({ fd: 2, sync: true });
  const stream = pretty
    ? PinoPretty({
        destination,
        colorize: Boolean(process.stderr.isTTY),
        ignore: 'pid,hostname',
        translateTime: 'HH:MM:ss',
        customLevels: 'summary:45',
        customColors: 'summary:green',
        useOnlyCustomProps: false,
        singleLine: true,
        sync: true,
      })
    : destination;
  return pino<'summary'>(
    {
      level,
      customLevels: { summary: SUMMARY_LEVEL },
      base: undefined,
      redact: { paths: SECRET_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    stream,
  );
}

/** A logger that drops everything (for library use and tests that don't look at logs). */
export function silentLogger(): Logger {
  return pino<'summary'>({ level: 'silent', customLevels: { summary: SUMMARY_LEVEL } });
}
