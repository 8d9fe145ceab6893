// The team calendar as the web app needs it: the time zone every time on screen is shown in by default.
import Type from 'typebox';
import type { App } from '../app-port.ts';
import type { HttpApp } from '../http-app.ts';

export function calendarRoutes(server: HttpApp, app: App): void {
  const calendar = app.services.calendar;
  server.get(
    '/api/calendar',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['account'],
        summary: 'The team calendar: its time zone (times are shown in it unless the viewer chooses their own) and the public holidays it observes',
        response: { 200: Type.Object({ timeZone: Type.String(), holidays: Type.Union([Type.String(), Type.Null()]), teamName: Type.String() }) },
      },
    },
    async () => {
      const h = calendar.settings.holidays;
      return {
        timeZone: calendar.settings.timeZone,
        holidays: h ? [h.country, h.state].filter(Boolean).join('-') : null,
        teamName: app.services.mailIdentity.teamName,
      };
    },
  );
}
