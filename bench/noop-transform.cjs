// The jscodeshift baseline: parse every file and print it back, changing nothing.
module.exports = (file, api) => api.jscodeshift(file.source).toSource();
module.exports.parser = 'tsx';
