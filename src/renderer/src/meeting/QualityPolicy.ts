/**
 * Chooses how we encode what we send, per outgoing video, for RTCRtpSender.setParameters. In a
 * full mesh we upload one copy per remote participant, so the per-copy budget shrinks as the mesh
 * grows; measured bandwidth (availableOutgoingBitrate) and Chromium's qualityLimitationReason
 * lower it further. Upgrades need headroom (hysteresis) so the choice does not flap. Pure.
 */
export type VideoSource = 'camera' | 'screen';
export type LimitationReason = 'none' | 'cpu' | 'bandwidth' | 'other';

export interface QualityInput {
  source: VideoSource;
  /** How many remote participants receive this video (mesh fan-out). */
  remoteCount: number;
  /** Our total measured upload estimate in bits/s (candidate-pair availableOutgoingBitrate). */
  availableOutgoingBitrate?: number;
  /** outbound-rtp qualityLimitationReason of this sender. */
  limitation?: LimitationReason;
}

export interface QualityDecision {
  /** Index into the tier table; higher is lower quality. */
  tier: number;
  label: string;
  maxBitrate: number;
  scaleResolutionDownBy: number;
  maxFramerate: number;
  /** Why this tier, for the stats panel ("4 participants; CPU limited"). */
  reason: string;
  /** Decisions left in which a probe-up is kept even if the estimate says otherwise. */
  probe?: number;
  /** Decisions left before another probe-up may be tried (after one failed). */
  cooldown?: number;
  /** Probes that failed in a row (each doubles the next cooldown). */
  failures?: number;
}

interface Tier {
  label: string;
  maxBitrate: number;
  scaleResolutionDownBy: number;
  maxFramerate: number;
}

const CAMERA_TIERS: readonly Tier[] = [
  { label: 'HD', maxBitrate: 1_500_000, scaleResolutionDownBy: 1, maxFramerate: 30 },
  { label: 'high', maxBitrate: 800_000, scaleResolutionDownBy: 1.5, maxFramerate: 30 },
  { label: 'medium', maxBitrate: 450_000, scaleResolutionDownBy: 2, maxFramerate: 24 },
  { label: 'low', maxBitrate: 250_000, scaleResolutionDownBy: 3, maxFramerate: 15 },
  { label: 'minimal', maxBitrate: 120_000, scaleResolutionDownBy: 4, maxFramerate: 10 },
];

/** Screens keep resolution (text must stay legible) and give up frame rate first. */
const SCREEN_TIERS: readonly Tier[] = [
  { label: 'HD', maxBitrate: 2_500_000, scaleResolutionDownBy: 1, maxFramerate: 15 },
  { label: 'high', maxBitrate: 1_500_000, scaleResolutionDownBy: 1, maxFramerate: 10 },
  { label: 'medium', maxBitrate: 900_000, scaleResolutionDownBy: 1, maxFramerate: 5 },
  { label: 'low', maxBitrate: 500_000, scaleResolutionDownBy: 1.5, maxFramerate: 5 },
  { label: 'minimal', maxBitrate: 250_000, scaleResolutionDownBy: 2, maxFramerate: 3 },
];

/** Tier floor by mesh size (number of remote participants). */
function meshTier(remoteCount: number): number {
  if (remoteCount <= 1) return 0;
  if (remoteCount <= 2) return 1;
  if (remoteCount <= 4) return 2;
  if (remoteCount <= 7) return 3;
  return 4;
}

/** Share of the measured upload we allow ourselves to use. */
const BANDWIDTH_SHARE = 0.85;
/**
 * An upgrade needs this much more budget than the better tier's bitrate, and goes one tier at a
 * time. Kept small on purpose: Chromium's availableOutgoingBitrate is probed only so far above
 * what we allow ourselves to send (seen: ≈ 2.4 × a 250 kb/s cap), so a large headroom (it was
 * 1.3) makes every downgrade permanent — found by the constrained-upload test
 * (tests/integration/meeting/media.test.ts), where a 2-person call stayed at 'low' unconstrained.
 */
const UPGRADE_HEADROOM = 1.1;
/**
 * The estimate cannot show room for a better tier while we cap our sending below it (seen: at
 * 'minimal', ≈ 1.5 × its 120 kb/s). So when it shows room above our current cap and nothing
 * limits the encoder, we try the next better tier for this many decisions (seconds), letting the
 * estimate grow; if it did not, we fall back and wait `PROBE_COOLDOWN` before trying again,
 * twice as long after each failure in a row (at most `PROBE_COOLDOWN_MAX`), so a source that
 * never needs more (a still picture) does not flip tiers every half-minute.
 */
const PROBE_HOLD = 5;
const PROBE_COOLDOWN = 20;
const PROBE_COOLDOWN_MAX = 300;

export const QualityPolicy = {
  tiers(source: VideoSource): readonly Tier[] {
    return source === 'screen' ? SCREEN_TIERS : CAMERA_TIERS;
  },

  /**
   * Decides the encoding for one outgoing video. `previous` (the last decision for this sender)
   * enables hysteresis: moving to a better tier needs `UPGRADE_HEADROOM` of spare bandwidth.
   */
  decide(input: QualityInput, previous?: QualityDecision): QualityDecision {
    const tiers = QualityPolicy.tiers(input.source);
    const last = tiers.length - 1;
    const remote = Math.max(0, Math.floor(input.remoteCount));
    const reasons = [`${remote + 1} participant${remote === 0 ? '' : 's'}`];
    let tier = meshTier(remote);
    let probe: number | undefined;
    let cooldown: number | undefined;
    let failures = previous?.failures ?? 0;

    const available = input.availableOutgoingBitrate;
    if (available !== undefined && Number.isFinite(available) && available > 0 && remote > 0) {
      const budget = (available * BANDWIDTH_SHARE) / remote;
      const fits = (t: number): boolean => {
        const upgrading = previous !== undefined && t < previous.tier;
        return tierAt(tiers, t).maxBitrate * (upgrading ? UPGRADE_HEADROOM : 1) <= budget;
      };
      const before = tier;
      while (tier < last && !fits(tier)) tier += 1;
      if (previous !== undefined) {
        const calm = input.limitation === undefined || input.limitation === 'none';
        const probing = (previous.probe ?? 0) > 0 && calm;
        if (probing && tier === previous.tier + 1) {
          // Give the probe its time (unless the estimate fell below where we probed from).
          tier = previous.tier;
          probe = (previous.probe ?? 0) - 1;
        } else if (tier > previous.tier && previous.probe !== undefined) {
          // The probe did not pay off.
          cooldown = Math.min(PROBE_COOLDOWN_MAX, PROBE_COOLDOWN * 2 ** failures);
          failures += 1;
        } else if (previous.probe !== undefined) {
          failures = 0; // the estimate followed: the probe paid off
        } else if (previous.cooldown) {
          cooldown = previous.cooldown - 1;
        }
        if (tier < previous.tier - 1) tier = previous.tier - 1;
        // The raw per-copy estimate (not the 85 % budget): it hovers just above our cap.
        const roomAbove =
          available / remote >= tierAt(tiers, previous.tier).maxBitrate * UPGRADE_HEADROOM;
        if (calm && !probing && !cooldown && tier === previous.tier && tier > before && roomAbove) {
          tier -= 1;
          probe = PROBE_HOLD;
        }
      }
      // Never better than the mesh size allows (a probe begun with fewer participants ends here).
      if (tier < before) {
        tier = before;
        probe = undefined;
      }
      if (tier > before) reasons.push(`upload ≈ ${formatBitrate(available)}`);
    }
    if (input.limitation === 'cpu') {
      tier = Math.min(last, Math.max(tier, (previous?.tier ?? tier) + 1));
      reasons.push('CPU limited');
    } else if (input.limitation === 'bandwidth' && previous && previous.tier >= tier) {
      tier = Math.min(last, previous.tier + 1);
      reasons.push('bandwidth limited');
    }
    const chosen = tierAt(tiers, tier);
    return {
      tier,
      ...chosen,
      reason: reasons.join('; '),
      ...(probe === undefined ? {} : { probe }),
      ...(cooldown ? { cooldown } : {}),
      ...(failures ? { failures } : {}),
    };
  },

  /** Applies a decision to the parameters returned by RTCRtpSender.getParameters(). */
  apply(parameters: RTCRtpSendParameters, decision: QualityDecision): RTCRtpSendParameters {
    const encodings = parameters.encodings.length > 0 ? parameters.encodings : [{}];
    return {
      ...parameters,
      encodings: encodings.map((e) => ({
        ...e,
        maxBitrate: decision.maxBitrate,
        scaleResolutionDownBy: decision.scaleResolutionDownBy,
        maxFramerate: decision.maxFramerate,
      })),
    };
  },
} as const;

function tierAt(tiers: readonly Tier[], index: number): Tier {
  const tier = tiers[Math.min(Math.max(0, index), tiers.length - 1)];
  if (!tier) throw new RangeError('empty tier table');
  return tier;
}

export function formatBitrate(bps: number): string {
  if (bps >= 1_000_000) return `${(bps / 1_000_000).toFixed(1)} Mb/s`;
  return `${Math.round(bps / 1000)} kb/s`;
}
