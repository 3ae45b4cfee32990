/**
 * Sections the built-in models share: wafer, defects, reticle and packaging are properties of the
 * foundry and the assembly house, not of the lithography choice, so they are written once.
 */
import type { Defects, Memory, Packaging, Reticle, Wafer } from '../model';

export const WAFER_300MM_7NM: Wafer = {
  diameterMm: 300,
  edgeLossMm: 5,
  scribeMm: 0.2,
  costUsd: 9346,
  source: 'C1,CA2,N1',
};

export const DEFECTS_7NM: Defects = {
  d0PerCm2: 0.09,
  yieldModel: 'negative-binomial',
  clusterAlpha: 10,
  source: 'C3,CA2,CA3',
  assumption: 'alpha 10 is Chiplet Actuary\'s default; practitioner sources quote 0.5-2 (C5): set it for your fab',
};

export const RETICLE_26X33: Reticle = { widthMm: 26, heightMm: 33, source: 'N1' };

export const MEMORY_7NM: Memory = {
  bitcellUm2: 0.027,
  macroUm2PerBit: 0.042,
  macroAccessPs: 218,
  macroMinBits: 4096,
  source: 'P4,A7',
  assumption: 'register arrays from 4 Kbit (e.g. 128 x 32) are compiled SRAM macros; smaller ones cost less as flops',
};

/** Chiplet Actuary's packaging parameters (parameter.ini, package.py). */
export const PACKAGING_CA: Packaging = {
  os: { areaFactor: 4, costPerMm2: 0.005, bumpCostPerMm2: 0.005, bondYield: 0.99, source: 'CA2,CA3' },
  fo: {
    areaFactor: 1.2,
    waferCostUsd: 1200,
    d0PerCm2: 0.05,
    alpha: 3,
    bondYield: 0.98,
    ubumpCostPerMm2: 0.01,
    chipLast: true,
    source: 'CA2,CA3',
  },
  si: {
    areaFactor: 1.1,
    waferCostUsd: 1937,
    d0PerCm2: 0.06,
    alpha: 6,
    bondYield: 0.95,
    ubumpCostPerMm2: 0.01,
    chipLast: true,
    source: 'CA2,CA3',
    assumption: 'interposer made on a 55nm-class line, priced at the 55nm wafer cost of CA2',
  },
  d2d: { areaFraction: 0.1, source: 'CA3' },
};
