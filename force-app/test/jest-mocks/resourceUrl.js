// @salesforce/resourceUrl/<name> resolves to a URL in the org; in jest every resource gets this one.
export default '/resource/segmentationConfig';
