// The examples of <ers-key-generator>, shown by components/examples.html?element=ers-key-generator.
export default {
  examples: [
    { id: 'default', title: 'Default: the size NHS documents, kid from the thumbprint', elements: [['ers-key-generator']] },
    { id: 'kid', title: 'Starting with kid prod-2 (a rotation)', elements: [['ers-key-generator', { kid: 'prod-2' }]] },
  ],
};
