def log = new File(basedir, 'build.log').text
['sq1.square(7)=49', 'sq2.square(7)=1049'].each {
    if (!log.contains(it + '\n')) throw new AssertionError('build.log lacks ' + it)
}
return true
