import { formatInstantIn, localeOr, type DateStyle } from '../../domain/language.ts';
import { currentLocale } from '../../messages/messages.ts';

/**
 * An ISO 8601 instant as the reader reads dates (the language of the request, messages.ts), in
 * `timeZone` (an IANA name; UTC by default, for the instants pages label as UTC). The formats
 * themselves are shared with mail (domain/language.ts).
 */
export const formatInstant = (iso: string, style: DateStyle, timeZone = 'UTC'): string =>
  formatInstantIn(localeOr(currentLocale()), iso, style, timeZone);
