import type { Entity, FeatureSelection, FeatureService, FeatureView, OnDemandFeature, Source } from './types';

const is = (kind: string) => (value: unknown): boolean => typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === kind;

export const isEntity = is('entity') as (v: unknown) => v is Entity;
export const isFeatureView = is('featureView') as (v: unknown) => v is FeatureView;
export const isFeatureSelection = is('featureSelection') as (v: unknown) => v is FeatureSelection;
export const isOnDemandFeature = is('onDemandFeature') as (v: unknown) => v is OnDemandFeature;
export const isFeatureService = is('featureService') as (v: unknown) => v is FeatureService;
export const isSource = (v: unknown): v is Source => is('sqlSource')(v) || is('fileSource')(v) || is('streamSource')(v);
