// The examples of <ers-name-check>, shown by components/examples.html?element=ers-name-check.
export default {
  examples: [
    { id: 'default', title: 'Check or build a PROD name, as on the main page', elements: [['ers-name-check']] },
    {
      id: 'stage2',
      title: 'A Stage 2 name checked for a user-restricted PROD application',
      elements: [['ers-name-check', { environment: 'prod', 'access-mode': 'user-restricted', name: 'Care Vista - Care Vista Link - INT - e-Referral Service - User-restricted' }]],
    },
  ],
};
