// Releases are never downloaded twice: drop what an earlier run of this test cached from repo/, so every run
// resolves what this run deployed.
new File(localRepositoryPath, 'dev/nativelib/its/release').deleteDir()
return true
