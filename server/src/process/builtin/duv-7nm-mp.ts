/** The default: a 193i multi-patterned 7nm-class node (SMIC N+1..N+3-like BEOL, TSMC N7-like cost). */
import type { ProcessModel } from '../model';
import { DEFECTS_7NM, MEMORY_7NM, PACKAGING_CA, RETICLE_26X33, WAFER_300MM_7NM } from './shared-sections';

export const DUV_7NM_MP: ProcessModel = {
  schema: 'ppa-process-model/v1',
  name: 'duv-7nm-mp',
  description: 'DUV (193i) multi-patterning 7nm class: LE3 on M1-M3, single exposure from 80 nm pitch.',
  frontEnd: {
    referenceLibrary: 'asap7sc7p5t_28 RVT TT 0.70V',
    areaScale: 0.89,
    delayScale: 1.0,
    cellHeightNm: 240,
    utilisation: 0.6,
    source: 'P1,P2,P7,A3',
    assumption: 'areaScale = 81/91.2 MTr/mm2 (derived); delayScale 1.0 because no gate delay is published for DUV 7nm-class nodes: calibrate',
  },
  beol: {
    layers: [
      {
        name: 'M1-M3',
        pitchNm: 40,
        patterning: 'lelele',
        rOhmPerUm: 32.3,
        cFfPerUm: 0.173,
        couplingCapSigmaPct: 12,
        source: 'P1,P4,A6',
        assumption: 'sigma derived from a 3 nm (3-sigma) colour shift at 20 nm spacing, no sourced scanner overlay',
      },
      {
        name: 'M4-M6',
        pitchNm: 80,
        patterning: 'single',
        rOhmPerUm: 18.1,
        cFfPerUm: 0.173,
        couplingCapSigmaPct: 2,
        source: 'P1,A6',
        assumption: 'R = 0.56 x ASAP7 M1 (ASAP7 M4 18.0 ohm/um); C per um kept as M1-M3',
      },
      {
        name: 'M7+',
        pitchNm: 128,
        patterning: 'single',
        rOhmPerUm: 7.1,
        cFfPerUm: 0.173,
        couplingCapSigmaPct: 2,
        source: 'P1',
        assumption: 'R scaled from M4-M6 by (80/128)^2; C per um kept',
      },
    ],
    source: 'P1,P12',
  },
  wireLoad: {
    baseUm: 1,
    umPerFanout: 2,
    layerShares: { 'M1-M3': 0.7, 'M4-M6': 0.25, 'M7+': 0.05 },
    driverKOhm: 1,
    assumption: 'local-net lengths and layer shares to be calibrated on placed designs',
  },
  timing: {
    lateDerateData: 1.08,
    lateDerateClock: 1.04,
    setupUncertaintyPs: 20,
    mpGuardbandSigmas: 1,
    source: 'G1,G2',
    assumption: 'setup uncertainty 20 ps; one sigma because the coupling sigmas already stand for a 3-sigma overlay',
  },
  memory: MEMORY_7NM,
  manufacturing: {
    wafer: { ...WAFER_300MM_7NM, assumption: 'no DUV premium applied (C2 is low confidence)' },
    masks: {
      count: 80,
      setCostUsd: 12_000_000,
      volumeUnits: 1_000_000,
      source: 'P14',
      assumption: 'no sourced mask count or price for DUV 7nm-class nodes: 80 masks, $12M, 1M units',
    },
    defects: DEFECTS_7NM,
    reticle: RETICLE_26X33,
    die: { ioRingMm: 0.2, overheadFraction: 0.1, assumption: 'I/O ring 0.2 mm per side, 10% power/clock/test overhead' },
  },
  packaging: PACKAGING_CA,
};
