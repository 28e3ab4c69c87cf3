/**
 * Wiring for the example app: zoneless change detection, Angular's HttpClient (whose interceptors see every
 * lakeFS request), and provideLakeFS() with options read from the {@link Connection} when first needed.
 * Give a browser short-lived credentials from your backend — never ship a long-lived secret key in a bundle.
 */
import {
  type ApplicationConfig,
  inject,
  provideAppInitializer,
  provideZonelessChangeDetection,
} from '@angular/core';
import { type HttpInterceptorFn, provideHttpClient, withInterceptors } from '@angular/common/http';
import { provideLakeFS } from 'lakefs-rx/angular';
import { Connection } from './connection';
import { RequestCounter } from './request-counter';

/** Counts requests in flight, for the page's activity indicator: an ordinary app interceptor. */
const countRequests: HttpInterceptorFn = (request, next) => inject(RequestCounter).track(next(request));

/** The app's providers. */
export const appConfig: ApplicationConfig = {
  providers: [
    provideZonelessChangeDetection(),
    provideHttpClient(withInterceptors([countRequests])),
    provideAppInitializer(() => inject(Connection).load()),
    provideLakeFS(() => inject(Connection).clientOptions()),
  ],
};
